//! A synthetic content folder of any size, for benchmarks and load tests.
//!
//! The corpus is deterministic from its seed, so two runs compare the same
//! input, and it is valid content: `minhbach check` finds no error and no
//! warning in it. Text is Vietnamese with diacritics (and English), names
//! come from word lists of the kind the Committee's reports use, notes are
//! Markdown with headings, tables and lists, and the data covers every unit,
//! both directions, missing actuals and targets, qualifiers, `x out of y`
//! figures, provincial scopes and a source register whose printed figures
//! match the results that cite them (so the provenance check runs on all).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use minhbach::model::suggest_id;

/// How big a corpus to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub sessions: usize,
    pub indicators: usize,
    /// Provincial scopes used besides `national` (at most 63).
    pub scopes: usize,
    /// Share of indicators each session reports at national level.
    pub coverage: f64,
    /// Share of indicators each session reports for each provincial scope.
    pub scope_coverage: f64,
    /// Cite news reports from a `seeds/` register (checked figure by
    /// figure) rather than inline sources.
    pub register: bool,
    pub seed: u64,
}

impl Spec {
    /// The named sizes: `small` is about the bundled content, `national`
    /// a national deployment over ten years, `huge` ten times its results.
    pub fn preset(name: &str) -> Option<Spec> {
        let base = Spec {
            sessions: 4,
            indicators: 60,
            scopes: 3,
            coverage: 0.15,
            scope_coverage: 0.02,
            register: true,
            seed: 7,
        };
        match name {
            "small" => Some(base),
            "national" => Some(Spec {
                sessions: 40,
                indicators: 300,
                scopes: 4,
                coverage: 0.85,
                scope_coverage: 0.10,
                ..base
            }),
            "huge" => Some(Spec {
                sessions: 100,
                indicators: 1200,
                scopes: 8,
                coverage: 0.85,
                scope_coverage: 0.05,
                ..base
            }),
            _ => None,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub sessions: usize,
    pub indicators: usize,
    pub results: usize,
    pub register_entries: usize,
    pub files: usize,
    pub bytes: u64,
}

/// splitmix64: tiny, fast and good enough to pick words and numbers.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6d69_6e68_6261_6368)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// A fresh generator for one part of the corpus, so that changing the
    /// size of one part leaves the others as they were.
    pub fn fork(&self, salt: u64) -> Rng {
        let mut r = Rng(self.0 ^ salt.wrapping_mul(0xA24B_AED4_963E_E407));
        r.next_u64();
        r
    }
}

/// The 63 provinces and cities, as reports write them.
const PROVINCES: [&str; 63] = [
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Bến Tre",
    "Ninh Bình",
    "Tuyên Quang",
    "Quảng Ninh",
    "Thừa Thiên Huế",
    "Đắk Lắk",
    "Lâm Đồng",
    "Khánh Hòa",
    "Nghệ An",
    "Thanh Hóa",
    "Bắc Ninh",
    "Bình Dương",
    "Đồng Nai",
    "Long An",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Sóc Trăng",
    "Lào Cai",
    "Điện Biên",
    "Sơn La",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Thái Nguyên",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Hưng Yên",
    "Hải Dương",
    "Nam Định",
    "Thái Bình",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Gia Lai",
    "Kon Tum",
    "Đắk Nông",
    "Bình Phước",
    "Tây Ninh",
    "Bà Rịa - Vũng Tàu",
    "Tiền Giang",
    "Vĩnh Long",
    "Trà Vinh",
    "Đồng Tháp",
    "Hậu Giang",
    "Bạc Liêu",
    "Yên Bái",
    "Bắc Kạn",
    "Bắc Giang",
    "Hòa Bình",
    "Lai Châu",
    "Ninh Thuận",
    "Bình Thuận",
    "Hà Nam",
];

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Percent,
    Count,
    Mbps,
    Mw,
    BillionVnd,
    BillionUsd,
    Times,
    Days,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Mbps => "mbps",
            Unit::Mw => "mw",
            Unit::BillionVnd => "billion-vnd",
            Unit::BillionUsd => "billion-usd",
            Unit::Times => "times",
            Unit::Days => "days",
        }
    }
    /// How a report prints the unit after the number.
    fn printed(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Count => "",
            Unit::Mbps => " Mbps",
            Unit::Mw => " MW",
            Unit::BillionVnd => " tỷ đồng",
            Unit::BillionUsd => " tỷ USD",
            Unit::Times => " lần",
            Unit::Days => " ngày",
        }
    }
    fn decimals(self) -> i32 {
        match self {
            Unit::Count => 0,
            Unit::Mw | Unit::BillionVnd | Unit::Days => 1,
            _ => 2,
        }
    }
}

/// What an indicator measures: (vi, en, unit, improves upwards).
const MEASURES: [(&str, &str, Unit, bool); 10] = [
    ("Tỉ lệ", "Share of", Unit::Percent, true),
    (
        "Tỉ lệ quá hạn của",
        "Overdue share of",
        Unit::Percent,
        false,
    ),
    ("Số lượng", "Number of", Unit::Count, true),
    (
        "Số sự cố mất an toàn thông tin ở",
        "Security incidents at",
        Unit::Count,
        false,
    ),
    ("Doanh thu từ", "Revenue from", Unit::BillionVnd, true),
    (
        "Giá trị giao dịch của",
        "Transaction value of",
        Unit::BillionUsd,
        true,
    ),
    (
        "Tốc độ băng rộng phục vụ",
        "Broadband speed for",
        Unit::Mbps,
        true,
    ),
    (
        "Công suất trung tâm dữ liệu phục vụ",
        "Data-centre capacity for",
        Unit::Mw,
        true,
    ),
    (
        "Mức tăng so với cùng kỳ của",
        "Year-on-year multiple of",
        Unit::Times,
        true,
    ),
    ("Thời gian xử lý", "Processing time of", Unit::Days, false),
];

/// What is counted: (vi, en).
const OBJECTS: [(&str, &str); 18] = [
    ("hồ sơ thủ tục hành chính", "administrative dossiers"),
    ("dịch vụ công trực tuyến", "online public services"),
    ("doanh nghiệp", "enterprises"),
    ("doanh nghiệp nhỏ và vừa", "small and medium enterprises"),
    ("hộ gia đình", "households"),
    ("người dân từ 15 tuổi", "people aged 15 and over"),
    ("cơ quan nhà nước", "state agencies"),
    ("xã, phường, thị trấn", "communes and wards"),
    ("trường học", "schools"),
    ("bệnh viện", "hospitals"),
    ("hợp đồng điện tử", "e-contracts"),
    ("hóa đơn điện tử", "e-invoices"),
    ("tài khoản thanh toán", "payment accounts"),
    ("nền tảng số", "digital platforms"),
    ("cơ sở dữ liệu quốc gia", "national databases"),
    ("hồ sơ sức khỏe điện tử", "electronic health records"),
    ("chữ ký số", "digital signatures"),
    ("giao dịch thương mại điện tử", "e-commerce transactions"),
];

/// How it is qualified: (vi, en).
const QUALIFIERS: [(&str, &str); 12] = [
    ("trực tuyến toàn trình", "fully online"),
    ("được số hóa", "digitised"),
    ("tại cấp tỉnh", "at provincial level"),
    ("tại cấp huyện", "at district level"),
    ("khu vực nông thôn", "in rural areas"),
    ("vùng sâu, vùng xa", "in remote areas"),
    ("có kết quả điện tử", "with electronic results"),
    ("kết nối cáp quang", "on fibre"),
    ("sử dụng định danh điện tử", "using electronic identity"),
    ("trên ứng dụng VNeID", "on the VNeID app"),
    ("trong chuyển đổi số", "in digital transformation"),
    ("thuộc Đề án 06", "under Project 06"),
];

const GROUPS: [(&str, &str); 6] = [
    ("Chính phủ số", "Digital government"),
    ("Kinh tế số", "Digital economy"),
    ("Xã hội số", "Digital society"),
    ("Hạ tầng số", "Digital infrastructure"),
    ("Dữ liệu số", "Digital data"),
    ("An toàn thông tin", "Information security"),
];

/// News outlets that report the sessions: (name, url host).
const OUTLETS: [(&str, &str); 10] = [
    ("Báo Chính phủ", "baochinhphu"),
    ("Báo Nhân Dân", "nhandan"),
    ("Báo Tuổi Trẻ", "tuoitre"),
    ("Báo Thanh Niên", "thanhnien"),
    ("Báo Đồng Khởi", "baodongkhoi"),
    ("Cổng TTĐT tỉnh Ninh Bình", "ninhbinh"),
    ("Báo Tuyên Quang", "baotuyenquang"),
    ("Tạp chí Thông tin và Truyền thông", "ictvietnam"),
    ("VietnamPlus", "vietnamplus"),
    ("Báo Đầu tư", "baodautu"),
];

const CHAIRS: [(&str, &str); 3] = [
    (
        "Thủ tướng Phạm Minh Chính",
        "Prime Minister Pham Minh Chinh",
    ),
    (
        "Phó Thủ tướng Trần Hồng Hà",
        "Deputy Prime Minister Tran Hong Ha",
    ),
    (
        "Bộ trưởng Bộ Thông tin và Truyền thông",
        "The Minister of Information and Communications",
    ),
];

const SESSION_TOPICS: [(&str, &str); 6] = [
    (
        "dịch vụ công trực tuyến toàn trình",
        "fully online public services",
    ),
    (
        "chia sẻ dữ liệu giữa các cơ sở dữ liệu quốc gia",
        "data sharing between national databases",
    ),
    (
        "phát triển doanh nghiệp công nghệ số",
        "growing digital technology enterprises",
    ),
    (
        "hạ tầng băng rộng ở vùng sâu, vùng xa",
        "broadband in remote areas",
    ),
    ("kỹ năng số của người dân", "citizens' digital skills"),
    ("thanh toán không dùng tiền mặt", "cashless payments"),
];

const VI_ORDINALS: [&str; 10] = [
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

/// One indicator as generated.
struct Ind {
    id: String,
    vi: String,
    en: String,
    short_vi: String,
    short_en: String,
    unit: Unit,
    up: bool,
    /// Starting level and change per session, on the unit's scale.
    start: f64,
    step: f64,
}

/// A scope: (id, vi, en).
struct Scope {
    id: String,
    vi: String,
    en: String,
}

/// One generated result, with the figures a report printed for it.
struct Res {
    indicator: usize,
    scope: Option<usize>,
    actual: Option<f64>,
    qualifier: Option<&'static str>,
    out_of: Option<f64>,
    as_of: Option<Date>,
    target: Option<f64>,
    target_date: Option<Date>,
    baseline: Option<f64>,
    baseline_date: Option<Date>,
    note: Option<(String, String)>,
    /// Index into the session's sources.
    source: usize,
}

#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct Date {
    y: i32,
    m: u32,
    d: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl Date {
    fn vi(&self) -> String {
        format!("{:02}/{:02}/{}", self.d, self.m, self.y)
    }
    /// The last day of the quarter before this date.
    fn previous_quarter_end(&self) -> Date {
        let q = (self.m - 1) / 3; // 0..3
        if q == 0 {
            Date {
                y: self.y - 1,
                m: 12,
                d: 31,
            }
        } else {
            let m = q * 3;
            Date {
                y: self.y,
                m,
                d: if m == 6 || m == 9 { 30 } else { 31 },
            }
        }
    }
    fn year_end(y: i32) -> Date {
        Date { y, m: 12, d: 31 }
    }
}

/// The date of session `i`: one a quarter from January 2021.
fn session_date(i: usize) -> Date {
    let q = i % 4;
    Date {
        y: 2021 + (i / 4) as i32,
        m: [1, 4, 7, 10][q] as u32,
        d: [15, 20, 12, 18][q],
    }
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// A number as Vietnamese reports print it: dots group thousands, a comma
/// marks decimals (`1.928.311`, `11,27`), as the provenance check reads it.
pub fn vi_number(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let s = format!("{v}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A `{vi: "…", en: "…"}` text.
fn text(vi: &str, en: &str) -> String {
    format!("{{vi: {}, en: {}}}", q(vi), q(en))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn indicators(spec: &Spec, rng: &Rng) -> Vec<Ind> {
    let mut rng = rng.fork(1);
    // Every combination once, in a seeded order; beyond that, rounds.
    let mut combos: Vec<(usize, usize, usize)> = Vec::new();
    for m in 0..MEASURES.len() {
        for o in 0..OBJECTS.len() {
            for k in 0..QUALIFIERS.len() {
                combos.push((m, o, k));
            }
        }
    }
    for i in (1..combos.len()).rev() {
        combos.swap(i, rng.below(i + 1));
    }
    let mut out: Vec<Ind> = Vec::with_capacity(spec.indicators);
    for n in 0..spec.indicators {
        let (m, o, k) = combos[n % combos.len()];
        let round_no = n / combos.len();
        let (mvi, men, unit, up) = MEASURES[m];
        let (ovi, oen) = OBJECTS[o];
        let (kvi, ken) = QUALIFIERS[k];
        let (mut vi, mut en) = (format!("{mvi} {ovi} {kvi}"), format!("{men} {oen} {ken}"));
        let (mut short_vi, mut short_en) = (
            capitalize(&format!("{ovi} {kvi}")),
            capitalize(&format!("{oen} {ken}")),
        );
        if round_no > 0 {
            let suffix = (
                format!(" (đợt {})", round_no + 1),
                format!(" (round {})", round_no + 1),
            );
            vi.push_str(&suffix.0);
            en.push_str(&suffix.1);
            short_vi.push_str(&suffix.0);
            short_en.push_str(&suffix.1);
        }
        let mut id = suggest_id(&en).unwrap_or_else(|| format!("indicator-{n}"));
        if id.len() > 70 {
            id.truncate(70);
            id = id.trim_end_matches('-').to_owned();
        }
        if out.iter().any(|i| i.id == id) {
            id = format!("{id}-{n}");
        }
        let (start, step) = match unit {
            Unit::Percent if up => (rng.range(5.0, 55.0), rng.range(0.3, 1.5)),
            Unit::Percent => (rng.range(8.0, 35.0), -rng.range(0.1, 0.4)),
            Unit::Count if up => {
                let s = 10f64.powf(rng.range(2.0, 7.0));
                (s, s * rng.range(0.01, 0.06))
            }
            Unit::Count => (rng.range(200.0, 3000.0), -rng.range(2.0, 20.0)),
            Unit::Mbps => (rng.range(20.0, 80.0), rng.range(0.5, 3.0)),
            Unit::Mw => (rng.range(50.0, 500.0), rng.range(2.0, 15.0)),
            Unit::BillionVnd => {
                let s = 10f64.powf(rng.range(3.0, 6.0));
                (s, s * rng.range(0.01, 0.05))
            }
            Unit::BillionUsd => (rng.range(5.0, 60.0), rng.range(0.2, 2.0)),
            Unit::Times => (rng.range(1.0, 2.0), rng.range(0.0, 0.05)),
            Unit::Days => (rng.range(8.0, 30.0), -rng.range(0.05, 0.3)),
        };
        out.push(Ind {
            id,
            vi,
            en,
            short_vi,
            short_en,
            unit,
            up,
            start,
            step,
        });
    }
    out
}

fn scopes(spec: &Spec) -> Vec<Scope> {
    PROVINCES
        .iter()
        .take(spec.scopes.min(PROVINCES.len()))
        .map(|vi| {
            let en = deunicode::deunicode(vi);
            Scope {
                id: suggest_id(vi).unwrap_or_default(),
                vi: (*vi).to_owned(),
                en,
            }
        })
        .collect()
}

/// The level of an indicator at session `i` for a scope (scopes sit a
/// little above or below the national figure), on the unit's scale.
fn level(ind: &Ind, i: usize, scope_factor: f64, noise: f64) -> f64 {
    let v = (ind.start + ind.step * i as f64) * scope_factor * (1.0 + noise);
    let v = match ind.unit {
        Unit::Percent => v.clamp(0.5, 99.5),
        Unit::Days => v.max(0.5),
        Unit::Times => v.max(0.8),
        _ => v.max(1.0),
    };
    round(v, ind.unit.decimals())
}

/// Writes the corpus into `out` (`out/content` and, with a register,
/// `out/seeds`), replacing what was there.
pub fn generate(spec: &Spec, out: &Path) -> io::Result<Summary> {
    let content = out.join("content");
    let seeds = out.join("seeds");
    for dir in [&content, &seeds] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }
    fs::create_dir_all(content.join("indicators"))?;
    fs::create_dir_all(content.join("sessions"))?;
    if spec.register {
        fs::create_dir_all(&seeds)?;
    }
    let rng = Rng::new(spec.seed);
    let inds = indicators(spec, &rng);
    let scopes = scopes(spec);
    let mut sum = Summary {
        indicators: inds.len(),
        sessions: spec.sessions,
        ..Summary::default()
    };
    let (mut files, mut bytes) = (0usize, 0u64);
    let mut write = |path: &Path, body: &str| -> io::Result<()> {
        files += 1;
        bytes += body.len() as u64;
        fs::write(path, body)
    };

    // site.yaml
    let mut site = String::new();
    site.push_str(&format!(
        "title: {}\n",
        text(
            "Theo dõi chuyển đổi số quốc gia (dữ liệu mô phỏng)",
            "Tracking national digital transformation (synthetic data)"
        )
    ));
    site.push_str(&format!(
        "description:\n  vi: {}\n  en: {}\n",
        q("Kết quả, mục tiêu và số liệu gốc của các phiên họp Ủy ban Quốc gia về chuyển đổi số, sinh tự động để đo hiệu năng."),
        q("Results, targets and baselines of the National Committee on Digital Transformation's sessions, generated to measure performance.")
    ));
    site.push_str("base_url: \"https://minhbach.example.org/\"\nlanguages: [vi, en]\n");
    site.push_str(&format!(
        "publisher: {}\nlicense: \"CC BY 4.0\"\n",
        text("Nhóm biên tập minhbach", "The minhbach editorial team")
    ));
    if !scopes.is_empty() {
        site.push_str("scopes:\n");
        for s in &scopes {
            site.push_str(&format!("  {}: {}\n", s.id, text(&s.vi, &s.en)));
        }
    }
    write(&content.join("site.yaml"), &site)?;

    // Indicators.
    for (n, ind) in inds.iter().enumerate() {
        let (gvi, gen) = GROUPS[n % GROUPS.len()];
        let better_vi = if ind.up {
            "càng cao càng tốt"
        } else {
            "càng thấp càng tốt"
        };
        let better_en = if ind.up {
            "higher is better"
        } else {
            "lower is better"
        };
        let body = format!(
            "name: {}\nshort_name: {}\nunit: {}\ndirection: {}\ngroup: {}\ndescription:\n  vi: {}\n  en: {}\n",
            text(&ind.vi, &ind.en),
            text(&ind.short_vi, &ind.short_en),
            ind.unit.name(),
            if ind.up { "up" } else { "down" },
            text(gvi, gen),
            q(&format!("{} theo số liệu tổng hợp của **Bộ Thông tin và Truyền thông**; {better_vi}. Xem thêm [phương pháp](https://minhbach.example.org/methodology/).", ind.vi)),
            q(&format!("{} as compiled by the **Ministry of Information and Communications**; {better_en}. See the [methodology](https://minhbach.example.org/methodology/).", ind.en)),
        );
        write(
            &content.join("indicators").join(format!("{}.yaml", ind.id)),
            &body,
        )?;
    }

    // Sessions, with their register entries.
    for i in 0..spec.sessions {
        let mut rng = rng.fork(1000 + i as u64);
        let date = session_date(i);
        let n = i + 1;
        let ordinal = VI_ORDINALS
            .get(i)
            .map(|s| s.to_string())
            .unwrap_or_else(|| n.to_string());
        let folder = format!("{date}-phien-hop-thu-{n}");
        let dir = content.join("sessions").join(&folder);
        fs::create_dir_all(&dir)?;

        // Who reported the session.
        let n_sources = 2 + rng.below(3);
        let sources: Vec<(String, &str, &str, Date)> = (0..n_sources)
            .map(|k| {
                let (name, host) = OUTLETS[(i + k * 3) % OUTLETS.len()];
                let published = Date {
                    d: (date.d + k as u32).min(28),
                    ..date
                };
                (format!("{host}-{published}-{k}"), name, host, published)
            })
            .collect();

        // The results: every indicator once at national level with
        // probability `coverage`, and each indicator this session is
        // responsible for so that none is unused.
        let mut results: Vec<Res> = Vec::new();
        let scope_list: Vec<Option<usize>> = std::iter::once(None)
            .chain((0..scopes.len()).map(Some))
            .collect();
        for (k, ind) in inds.iter().enumerate() {
            for scope in &scope_list {
                let owner = k % spec.sessions.max(1) == i && scope.is_none();
                let p = if scope.is_none() {
                    spec.coverage
                } else {
                    spec.scope_coverage
                };
                if !owner && !rng.chance(p) {
                    continue;
                }
                let factor = scope.map(|s| 0.6 + 0.1 * (s % 8) as f64).unwrap_or(1.0);
                let mut r = Res {
                    indicator: k,
                    scope: *scope,
                    actual: None,
                    qualifier: None,
                    out_of: None,
                    as_of: None,
                    target: None,
                    target_date: None,
                    baseline: None,
                    baseline_date: None,
                    note: None,
                    source: rng.below(sources.len()),
                };
                if !rng.chance(0.05) {
                    let a = level(ind, i, factor, rng.range(-0.03, 0.03));
                    r.actual = Some(a);
                    if rng.chance(0.08) {
                        r.qualifier =
                            Some(*rng.pick(&["about", "nearly", "more-than", "less-than"]));
                    }
                    if ind.unit == Unit::Count && rng.chance(0.15) {
                        r.out_of = Some((a * rng.range(1.1, 2.0)).round());
                    }
                }
                if rng.chance(0.4) {
                    r.as_of = Some(date.previous_quarter_end());
                }
                if rng.chance(0.75) {
                    // A year-end target: some already met, some not.
                    let ahead = 2 + rng.below(4);
                    r.target = Some(level(ind, i + ahead, factor, rng.range(-0.06, 0.02)));
                    r.target_date = Some(Date::year_end(date.y + (ahead / 4) as i32));
                    if rng.chance(0.4) {
                        r.baseline = Some(level(ind, i.saturating_sub(4), factor, 0.0));
                        r.baseline_date = Some(Date::year_end(date.y - 1));
                    }
                }
                if rng.chance(0.05) {
                    r.note = Some((
                        "Số liệu ước tính, có thể được điều chỉnh trong báo cáo tổng kết năm."
                            .to_owned(),
                        "An estimate, which may be revised in the year-end report.".to_owned(),
                    ));
                }
                results.push(r);
            }
        }
        sum.results += results.len();

        let (cvi, cen) = CHAIRS[i % CHAIRS.len()];
        let (tvi, ten) = SESSION_TOPICS[i % SESSION_TOPICS.len()];
        let mut y = String::with_capacity(results.len() * 160);
        let _ = writeln!(
            y,
            "title: {}",
            text(
                &format!("Phiên họp thứ {ordinal} của Ủy ban Quốc gia về chuyển đổi số"),
                &format!("Session {n} of the National Committee on Digital Transformation")
            )
        );
        let _ = writeln!(y, "date: {date}");
        let _ = writeln!(y, "chair: {}", text(cvi, cen));
        let _ = writeln!(
            y,
            "summary:\n  vi: {}\n  en: {}",
            q(&format!("Phiên họp đánh giá {} chỉ tiêu, tập trung vào {tvi}; nhiều chỉ tiêu về hạ tầng đã đạt nhưng tỉ lệ hồ sơ trực tuyến toàn trình còn thấp.", results.len())),
            q(&format!("The session reviewed {} indicators, focusing on {ten}; many infrastructure targets were met but the share of dossiers handled fully online stayed low.", results.len()))
        );
        y.push_str("sources:\n");
        for (id, name, host, published) in &sources {
            if spec.register {
                let _ = writeln!(y, "  - {id}");
            } else {
                let _ = writeln!(
                    y,
                    "  - id: {id}\n    title: {}\n    publisher: {}\n    date: {published}\n    url: \"https://{host}.example.vn/{folder}\"",
                    text(&format!("Phiên họp thứ {ordinal} Ủy ban Quốc gia về chuyển đổi số"), &format!("Session {n} of the National Committee on Digital Transformation")),
                    q(name)
                );
            }
        }
        y.push_str("results:\n");
        let num = |v: f64| format!("{v}");
        for r in &results {
            let ind = &inds[r.indicator];
            let _ = writeln!(y, "  - indicator: {}", ind.id);
            if let Some(s) = r.scope {
                let _ = writeln!(y, "    scope: {}", scopes[s].id);
            }
            if let Some(a) = r.actual {
                let _ = writeln!(y, "    actual: {}", num(a));
            }
            if let Some(qf) = r.qualifier {
                let _ = writeln!(y, "    qualifier: {qf}");
            }
            if let Some(o) = r.out_of {
                let _ = writeln!(y, "    out_of: {}", num(o));
            }
            if let Some(d) = r.as_of {
                let _ = writeln!(y, "    as_of: {d}");
            }
            if let Some(t) = r.target {
                let _ = writeln!(y, "    target: {}", num(t));
            }
            if let Some(d) = r.target_date {
                let _ = writeln!(y, "    target_date: {d}");
            }
            if let Some(b) = r.baseline {
                let _ = writeln!(y, "    baseline: {}", num(b));
            }
            if let Some(d) = r.baseline_date {
                let _ = writeln!(y, "    baseline_date: {d}");
            }
            let _ = writeln!(y, "    source: {}", sources[r.source].0);
            if let Some((vi, en)) = &r.note {
                let _ = writeln!(y, "    note: {}", text(vi, en));
            }
        }
        write(&dir.join("session.yaml"), &y)?;

        // The register: each report prints the figures it is cited for.
        if spec.register {
            for (k, (id, name, host, published)) in sources.iter().enumerate() {
                let mut s = String::new();
                let _ = writeln!(s, "title: {}", q(&format!("Phiên họp thứ {ordinal} của Ủy ban Quốc gia về chuyển đổi số: đẩy mạnh {tvi}")));
                let _ = writeln!(s, "publisher: {}", q(name));
                let _ = writeln!(s, "published: {published}");
                let _ = writeln!(
                    s,
                    "language: vi\nurl: \"https://{host}.example.vn/tin-tuc/{folder}-{k}\""
                );
                let _ = writeln!(
                    s,
                    "about: {}",
                    q(&format!("Tin về phiên họp thứ {ordinal}, {}", date.vi()))
                );
                s.push_str("figures:\n");
                for r in results.iter().filter(|r| r.source == k) {
                    let ind = &inds[r.indicator];
                    let place = r
                        .scope
                        .map(|sc| format!("{}: ", scopes[sc].vi))
                        .unwrap_or_default();
                    let unit = ind.unit.printed();
                    if let Some(a) = r.actual {
                        let when = r.as_of.unwrap_or(date).vi();
                        let value = match r.out_of {
                            Some(o) => format!("{}/{}", vi_number(a), vi_number(o)),
                            None => format!("{}{unit}", vi_number(a)),
                        };
                        let _ = writeln!(
                            s,
                            "  - label: {}\n    value: {}",
                            q(&format!("{place}{}, {when}", ind.short_vi)),
                            q(&value)
                        );
                    }
                    if let (Some(t), Some(td)) = (r.target, r.target_date) {
                        let _ = writeln!(
                            s,
                            "  - label: {}\n    value: {}",
                            q(&format!(
                                "{place}Mục tiêu năm {}: {}",
                                td.y,
                                ind.short_vi.to_lowercase()
                            )),
                            q(&format!("{}{unit}", vi_number(t)))
                        );
                    }
                    if let (Some(b), Some(bd)) = (r.baseline, r.baseline_date) {
                        let _ = writeln!(
                            s,
                            "  - label: {}\n    value: {}",
                            q(&format!(
                                "{place}Cuối năm {}: {}",
                                bd.y,
                                ind.short_vi.to_lowercase()
                            )),
                            q(&format!("{}{unit}", vi_number(b)))
                        );
                    }
                }
                write(&seeds.join(format!("{id}.yaml")), &s)?;
                sum.register_entries += 1;
            }
        }

        // Notes, in both languages.
        let shown: Vec<&Res> = results.iter().take(8).collect();
        let mut vi = String::new();
        let mut en = String::new();
        let _ = writeln!(vi, "## Nội dung được xem xét\n\nPhiên họp thứ {ordinal} ngày {} do {} chủ trì đánh giá {} kết quả, tập trung vào {tvi}. Số liệu do các bộ, ngành và địa phương báo cáo; những ô trống là chỉ tiêu chưa có số liệu.\n", date.vi(), cvi.to_lowercase(), results.len());
        let _ = writeln!(en, "## What was reviewed\n\nSession {n}, held on {date} and chaired by {cen}, reviewed {} results, focusing on {ten}. Figures were reported by ministries and localities; empty cells are indicators without data yet.\n", results.len());
        vi.push_str(
            "## Bảng tóm tắt\n\n| Chỉ tiêu | Thực hiện | Mục tiêu |\n| :--- | ---: | ---: |\n",
        );
        en.push_str(
            "## Summary table\n\n| Indicator | Actual | Target |\n| :--- | ---: | ---: |\n",
        );
        for r in &shown {
            let ind = &inds[r.indicator];
            let unit = ind.unit.printed();
            let cell = |v: Option<f64>| {
                v.map(|v| format!("{}{unit}", vi_number(v)))
                    .unwrap_or_else(|| "—".to_owned())
            };
            let cell_en = |v: Option<f64>| {
                v.map(|v| format!("{v}{unit}"))
                    .unwrap_or_else(|| "—".to_owned())
            };
            let _ = writeln!(
                vi,
                "| {} | {} | {} |",
                ind.short_vi,
                cell(r.actual),
                cell(r.target)
            );
            let _ = writeln!(
                en,
                "| {} | {} | {} |",
                ind.short_en,
                cell_en(r.actual),
                cell_en(r.target)
            );
        }
        let _ = writeln!(vi, "\n## Yêu cầu tiếp theo\n\n- Hoàn thành các chỉ tiêu còn chậm trước ngày 31/12/{}.\n- Đẩy mạnh {tvi} ở *mọi* cấp chính quyền.\n- Công bố số liệu định kỳ, kèm nguồn, để người dân theo dõi.", date.y);
        let _ = writeln!(en, "\n## Next steps\n\n- Complete the lagging targets before 31 December {}.\n- Push {ten} at *every* level of government.\n- Publish figures regularly, with sources, so that citizens can follow.", date.y);
        write(&dir.join("notes.md"), &vi)?;
        write(&dir.join("notes.en.md"), &en)?;
    }
    sum.files = files;
    sum.bytes = bytes;
    Ok(sum)
}
