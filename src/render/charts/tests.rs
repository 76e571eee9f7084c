//! Tests of the three charts as documents: structure, accessibility,
//! escaping, determinism, size, and robustness against hostile input.

use chrono::NaiveDate;

use super::*;
use crate::compute::Status;

fn text(lang: &str) -> ChartText {
    let vi = lang == "vi";
    ChartText {
        id_prefix: "ov-2022-08".into(),
        lang: lang.into(),
        title: if vi {
            "Kết quả thực hiện các chỉ tiêu kinh tế - xã hội 6 tháng đầu năm 2022".into()
        } else {
            "Socio-economic targets, first half of 2022".into()
        },
        subtitle: if vi {
            "Kỳ họp thứ 5 HĐND tỉnh Bến Tre khóa X, 08/08/2022".into()
        } else {
            "5th session of the Ben Tre People's Council, 08/08/2022".into()
        },
        unit_note: if vi {
            "Thanh: mức thực hiện so với mục tiêu năm (100% = đạt mục tiêu)".into()
        } else {
            "Bars: actual as a share of the year's target (100% = target reached)".into()
        },
        source_line: "Nguồn: Báo Đồng Khởi, 08/08/2022".into(),
        address: "minhbach.example.org/sessions/2022-08/#chart-overview".into(),
        license: "Giấy phép: CC BY 4.0".into(),
        desc: "Thực hiện 11,27%, mục tiêu 7%: đã đạt".into(),
        words: crate::render::drawing::chart_words(
            &crate::locale::Locale::built_in(if vi { "vi" } else { "en" })
                .unwrap()
                .chart,
        ),
    }
}

fn row(
    label: &str,
    progress: Option<f64>,
    actual: &str,
    target: Option<&str>,
    status: Status,
) -> OverviewRow {
    let status_label =
        crate::i18n::status(status, crate::locale::Locale::built_in("vi").unwrap()).to_lowercase();
    OverviewRow {
        label: label.into(),
        progress,
        actual_label: actual.into(),
        target_label: target.map(Into::into),
        baseline_label: None,
        status,
        status_label,
    }
}

/// Thirteen results, as in a real session report.
fn session_rows() -> Vec<OverviewRow> {
    vec![
        row(
            "Tốc độ tăng trưởng kinh tế (GRDP)",
            Some(1.61),
            "11,27%",
            Some("7%"),
            Status::Achieved,
        ),
        row(
            "GRDP bình quân đầu người",
            Some(0.93),
            "55,6 triệu đồng",
            Some("60 triệu đồng"),
            Status::OnTrack,
        ),
        row(
            "Tổng vốn đầu tư toàn xã hội",
            Some(0.46),
            "12.350 tỷ đồng",
            Some("27.000 tỷ đồng"),
            Status::Behind,
        ),
        row(
            "Kim ngạch xuất khẩu",
            Some(1.05),
            "1,26 tỷ USD",
            Some("1,2 tỷ USD"),
            Status::Achieved,
        ),
        row(
            "Thu ngân sách nhà nước trên địa bàn",
            Some(0.62),
            "3.100 tỷ đồng",
            Some("5.000 tỷ đồng"),
            Status::Behind,
        ),
        row(
            "Tỉ lệ doanh nghiệp sử dụng hóa đơn điện tử",
            Some(0.98),
            "98%",
            Some("100%"),
            Status::OnTrack,
        ),
        row(
            "Số doanh nghiệp thành lập mới",
            None,
            "",
            Some("600 doanh nghiệp"),
            Status::NoData,
        ),
        row(
            "Tỉ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2022-2025 trên địa bàn toàn tỉnh",
            Some(1.2),
            "2,5%",
            Some("3%"),
            Status::Achieved,
        ),
        row(
            "Số lao động được giải quyết việc làm",
            None,
            "12.500 người",
            None,
            Status::NoTarget,
        ),
        row(
            "Tỉ lệ dân số tham gia bảo hiểm y tế",
            Some(0.99),
            "92,1%",
            Some("93%"),
            Status::Behind,
        ),
        row(
            "Số xã đạt chuẩn nông thôn mới",
            Some(0.0),
            "0 xã",
            Some("10 xã"),
            Status::Behind,
        ),
        row(
            "Tỉ lệ đô thị hóa",
            Some(4.2),
            "21%",
            Some("5%"),
            Status::Achieved,
        ),
        row(
            "Số giường bệnh trên 10.000 dân",
            Some(1.0),
            "32 giường",
            Some("32 giường"),
            Status::Achieved,
        ),
    ]
}

fn value_chart() -> ValueChart {
    ValueChart {
        actual: Some(11.27),
        actual_label: "11,27%".into(),
        target: Some(7.0),
        target_label: "7% (2022)".into(),
        baseline: Some(5.2),
        baseline_label: "5,2% (2021)".into(),
        status: Status::Achieved,
        status_label: "đã đạt".into(),
        axis_max: None,
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn history_points() -> Vec<HistoryPoint> {
    let mk =
        |date: NaiveDate, label: &str, actual: f64, a_label: &str, series: &str| HistoryPoint {
            date,
            date_label: label.into(),
            actual: Some(actual),
            actual_label: a_label.into(),
            target: Some(7.0),
            target_date: Some(d(2025, 12, 31)),
            target_label: Some("7%".into()),
            series: series.into(),
        };
    vec![
        mk(d(2021, 7, 20), "07/2021", 5.2, "5,2%", "Toàn tỉnh"),
        mk(d(2021, 12, 10), "12/2021", 6.1, "6,1%", "Toàn tỉnh"),
        mk(d(2022, 8, 8), "08/2022", 11.27, "11,27%", "Toàn tỉnh"),
        mk(d(2022, 12, 9), "12/2022", 9.5, "9,5%", "Toàn tỉnh"),
        mk(d(2023, 7, 14), "07/2023", 6.8, "6,8%", "Toàn tỉnh"),
    ]
}

fn pct(v: f64) -> String {
    format!("{}%", v).replace('.', ",")
}

/// Parses the document and checks what every chart must have.
fn check_document(svg: &str, t: &ChartText) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(root.attribute("viewBox").unwrap().starts_with("0 0 "));
    assert_eq!(root.attribute("width"), None);
    assert_eq!(root.attribute("height"), None);
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.attribute("font-family").unwrap().contains("Noto Sans"));
    let ids: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap()
        .split(' ')
        .collect();
    assert_eq!(ids.len(), 2);
    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(children[0].tag_name().name(), "title");
    assert_eq!(children[1].tag_name().name(), "desc");
    assert_eq!(children[0].attribute("id"), Some(ids[0]));
    assert_eq!(children[1].attribute("id"), Some(ids[1]));
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(children[0].text().unwrap_or(""), clean(&t.title));
    assert_eq!(children[1].text().unwrap_or(""), clean(&t.desc));
    assert!(
        !doc.descendants().any(|n| n.tag_name().name() == "script"),
        "a script element got through"
    );
    assert!(svg.len() < 30_000, "{} bytes", svg.len());
    // Every text is drawn, and no element is invisible.
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert_ne!(n.attribute("opacity"), Some("0"));
        if n.tag_name().name() == "text" {
            assert!(!n.text().unwrap_or("").trim().is_empty());
        }
    }
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or("").to_owned())
        .collect()
}

fn bars(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "rect")
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("bar ")))
        .count()
}

#[test]
fn overview_is_a_good_document() {
    let t = text("vi");
    let rows = session_rows();
    let svg = overview(&t, &rows, Form::Wide);
    check_document(&svg, &t);
    assert!(svg.len() < 30_000, "13 rows: {} bytes", svg.len());
    // One bar per row with an actual and a target.
    let with_bar = rows.iter().filter(|r| r.progress.is_some()).count();
    assert_eq!(bars(&svg), with_bar);
    let all = texts(&svg);
    assert!(all.iter().any(|s| s == "không có số liệu"), "{all:?}");
    assert!(all.iter().any(|s| s == "11,27% / mục tiêu 7%"), "{all:?}");
    assert!(all.iter().any(|s| s == "✓ đã đạt"));
    assert!(all.iter().any(|s| s == "12.500 người"));
    assert!(all.iter().any(|s| s == "Nguồn: Báo Đồng Khởi, 08/08/2022"));
    // Deterministic.
    assert_eq!(svg, overview(&t, &rows, Form::Wide));
}

/// A session that set no targets: the reported figures, with the baseline
/// where there is one, and no progress axis or 100% line to imply a target.
#[test]
fn overview_without_targets_has_no_progress_axis() {
    let t = text("vi");
    let mut rows = vec![
        row(
            "Hồ sơ trực tuyến toàn trình",
            None,
            "42%",
            None,
            Status::NoTarget,
        ),
        row(
            "Tăng trưởng kinh tế số",
            None,
            "22,4%",
            None,
            Status::NoTarget,
        ),
    ];
    rows[0].baseline_label = Some("17% (31/12/2023)".into());
    let svg = overview(&t, &rows, Form::Wide);
    check_document(&svg, &t);
    assert_eq!(bars(&svg), 0);
    let all = texts(&svg);
    assert!(
        all.iter().any(|s| s == "42% · mức cơ sở 17% (31/12/2023)"),
        "{all:?}"
    );
    assert!(all.iter().any(|s| s == "22,4%"), "{all:?}");
    for tick in ["0%", "50%", "100%", "150%"] {
        assert!(!all.iter().any(|s| s == tick), "axis label {tick}: {all:?}");
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let dashed = doc
        .descendants()
        .filter(|n| n.attribute("stroke-dasharray").is_some())
        .count();
    assert_eq!(dashed, 0, "a 100% line without a target");

    // One target among them brings the axis back.
    rows.push(row(
        "DN dùng hóa đơn điện tử",
        Some(1.0),
        "100%",
        Some("100%"),
        Status::Achieved,
    ));
    let all = texts(&overview(&t, &rows, Form::Wide));
    assert!(all.iter().any(|s| s == "100%"), "{all:?}");
}

#[test]
fn overview_height_grows_with_rows() {
    let t = text("en");
    let one = overview(&t, &session_rows()[..1], Form::Wide);
    let many: Vec<OverviewRow> = session_rows().into_iter().cycle().take(39).collect();
    let big = overview(&t, &many, Form::Wide);
    check_document(&big, &t);
    let height = |svg: &str| -> f64 {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let vb = doc.root_element().attribute("viewBox").unwrap().to_owned();
        vb.split(' ').nth(3).unwrap().parse().unwrap()
    };
    assert!(height(&big) > height(&one) + 30.0 * 40.0);
    assert_eq!(
        bars(&big),
        many.iter().filter(|r| r.progress.is_some()).count()
    );
}

#[test]
fn value_and_history_are_good_documents() {
    let t = text("vi");
    let svg = indicator_value(&t, &value_chart(), &pct, Form::Wide);
    check_document(&svg, &t);
    assert_eq!(bars(&svg), 1);
    assert_eq!(svg, indicator_value(&t, &value_chart(), &pct, Form::Wide));
    let all = texts(&svg);
    assert!(all.iter().any(|s| s == "11,27%"), "{all:?}");
    assert!(all.iter().any(|s| s == "✓ Đã đạt"), "{all:?}");

    let svg = history(&t, &history_points(), &pct, Form::Wide);
    check_document(&svg, &t);
    assert_eq!(svg, history(&t, &history_points(), &pct, Form::Wide));
    let all = texts(&svg);
    // The latest value and the target are always labelled.
    assert!(all.iter().any(|s| s == "6,8%"), "{all:?}");
    assert!(all.iter().any(|s| s == "mục tiêu 7%"), "{all:?}");
    // The same target repeated by five sessions is drawn once.
    assert_eq!(
        svg.matches("stroke-linejoin=\"miter\"").count(),
        2,
        "legend + one target"
    );
}

#[test]
fn history_with_one_or_no_point() {
    let t = text("en");
    let one = history(&t, &history_points()[..1], &pct, Form::Wide);
    check_document(&one, &t);
    assert!(texts(&one).iter().any(|s| s == "5,2%"));
    let none = history(&t, &[], &pct, Form::Wide);
    check_document(&none, &t);
    assert!(texts(&none).iter().any(|s| s == "No data yet"), "{none}");
    let empty_points: Vec<HistoryPoint> = history_points()
        .into_iter()
        .map(|p| HistoryPoint {
            actual: None,
            target: None,
            ..p
        })
        .collect();
    let svg = history(&t, &empty_points, &pct, Form::Wide);
    assert!(texts(&svg).iter().any(|s| s == "No data yet"));
}

const HOSTILE: &str = "<script>alert('x')</script> & \"quotes\" ]]> \u{0}\u{7}\u{FFFF}";

fn hostile_text() -> ChartText {
    ChartText {
        id_prefix: HOSTILE.into(),
        lang: HOSTILE.into(),
        title: HOSTILE.into(),
        subtitle: HOSTILE.repeat(20),
        unit_note: String::new(),
        source_line: HOSTILE.into(),
        address: HOSTILE.repeat(8),
        license: HOSTILE.into(),
        desc: HOSTILE.into(),
        words: ChartWords {
            actual: HOSTILE.into(),
            target: HOSTILE.into(),
            baseline: String::new(),
            no_data: HOSTILE.into(),
            no_data_yet: HOSTILE.into(),
            target_changed: HOSTILE.into(),
            definition_changed: HOSTILE.into(),
            without_target: HOSTILE.into(),
        },
    }
}

#[test]
fn markup_in_labels_is_escaped() {
    let t = hostile_text();
    let rows = vec![
        row(HOSTILE, Some(1.0), HOSTILE, Some(HOSTILE), Status::Achieved),
        row(HOSTILE, None, HOSTILE, Some(HOSTILE), Status::NoData),
    ];
    let svg = overview(&t, &rows, Form::Wide);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(!doc.descendants().any(|n| n.tag_name().name() == "script"));
    assert!(svg.contains("&lt;script&gt;"));
    assert!(doc.root_element().attribute("lang").is_none());
    let title = doc
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|n| n.text())
        .unwrap();
    assert!(title.starts_with("<script>alert('x')</script> & \"quotes\""));

    let v = ValueChart {
        actual_label: HOSTILE.into(),
        target_label: HOSTILE.into(),
        baseline_label: HOSTILE.into(),
        status_label: HOSTILE.into(),
        ..value_chart()
    };
    let hostile_format = |_: f64| HOSTILE.to_owned();
    for svg in [
        indicator_value(&t, &v, &hostile_format, Form::Wide),
        history(
            &t,
            &[HistoryPoint {
                date_label: HOSTILE.into(),
                actual_label: HOSTILE.into(),
                target_label: Some(HOSTILE.into()),
                series: HOSTILE.into(),
                ..history_points()[0].clone()
            }],
            &hostile_format,
            Form::Narrow,
        ),
    ] {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert!(!doc.descendants().any(|n| n.tag_name().name() == "script"));
    }
}

#[test]
fn hostile_numbers_do_not_panic() {
    let t = text("vi");
    let numbers = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -5.0,
        0.0,
        1e15,
        -1e15,
        f64::MAX,
        f64::MIN_POSITIVE,
    ];
    let long = "Tỉ lệ ".repeat(300);
    let mut rows = Vec::new();
    for (i, &n) in numbers.iter().enumerate() {
        let status = Status::ALL[i % Status::ALL.len()];
        rows.push(row(&long, Some(n), "", None, status));
        rows.push(row("", Some(n), &long, Some(""), status));
    }
    let svg = overview(&t, &rows, Form::Wide);
    roxmltree::Document::parse(&svg).unwrap();
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    check_document(&overview(&t, &[], Form::Wide), &t);

    for &a in &numbers {
        for &b in &numbers {
            let v = ValueChart {
                actual: Some(a),
                target: Some(b),
                baseline: Some(-b),
                axis_max: Some(a),
                actual_label: long.clone(),
                ..value_chart()
            };
            let svg = indicator_value(&t, &v, &|x| x.to_string(), Form::Wide);
            roxmltree::Document::parse(&svg).unwrap();
            let points: Vec<HistoryPoint> = [a, b, 0.0]
                .iter()
                .enumerate()
                .map(|(i, &x)| HistoryPoint {
                    actual: Some(x),
                    target: Some(b),
                    target_date: Some(if i == 0 {
                        NaiveDate::MIN
                    } else {
                        NaiveDate::MAX
                    }),
                    ..history_points()[i].clone()
                })
                .collect();
            let svg = history(&t, &points, &|x| x.to_string(), Form::Wide);
            roxmltree::Document::parse(&svg).unwrap();
        }
    }
    let nothing = ValueChart {
        actual: None,
        target: None,
        baseline: None,
        ..value_chart()
    };
    let svg = indicator_value(&t, &nothing, &pct, Form::Wide);
    assert!(texts(&svg).iter().any(|s| s == "không có số liệu"));
    assert_eq!(bars(&svg), 0);
}

/// Writes sample charts to the temporary directory, to look at them:
/// `cargo test charts::tests::write_samples -- --ignored`.
#[test]
#[ignore]
fn write_samples() {
    let dir = std::env::temp_dir().join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    let vi = text("vi");
    let en = text("en");
    let write = |name: &str, svg: String| std::fs::write(dir.join(name), svg).unwrap();
    write("overview.svg", overview(&vi, &session_rows(), Form::Wide));
    let many: Vec<OverviewRow> = session_rows().into_iter().cycle().take(32).collect();
    write("overview-32.svg", overview(&en, &many, Form::Wide));
    write("overview-empty.svg", overview(&vi, &[], Form::Wide));
    let value_text = ChartText {
        title: "Tốc độ tăng trưởng kinh tế (GRDP)".into(),
        unit_note: "Đơn vị: % so với cùng kỳ năm trước".into(),
        ..text("vi")
    };
    write(
        "value.svg",
        indicator_value(&value_text, &value_chart(), &pct, Form::Wide),
    );
    let behind = ValueChart {
        actual: Some(12_350.0),
        actual_label: "12.350 tỷ đồng".into(),
        target: Some(27_000.0),
        target_label: "27.000 tỷ đồng (2022)".into(),
        baseline: None,
        baseline_label: String::new(),
        status: Status::Behind,
        status_label: "chưa đạt".into(),
        axis_max: None,
    };
    let thousands = |v: f64| format!("{}", v as i64);
    write(
        "value-behind.svg",
        indicator_value(&vi, &behind, &thousands, Form::Wide),
    );
    let nodata = ValueChart {
        actual: None,
        status: Status::NoData,
        status_label: "không có số liệu".into(),
        ..value_chart()
    };
    write(
        "value-nodata.svg",
        indicator_value(&vi, &nodata, &pct, Form::Wide),
    );
    write(
        "history.svg",
        history(&value_text, &history_points(), &pct, Form::Wide),
    );
    let mut two = history_points();
    two.extend(history_points().into_iter().map(|p| HistoryPoint {
        actual: p.actual.map(|a| a * 0.8),
        actual_label: format!("{:.1}%", p.actual.unwrap_or(0.0) * 0.8).replace('.', ","),
        series: "Thành phố Bến Tre".into(),
        target: Some(8.0),
        target_label: Some("8%".into()),
        ..p
    }));
    write(
        "history-two.svg",
        history(&value_text, &two, &pct, Form::Wide),
    );
    write(
        "history-one.svg",
        history(&value_text, &history_points()[2..3], &pct, Form::Wide),
    );
    write("history-empty.svg", history(&en, &[], &pct, Form::Wide));
}

#[test]
fn every_chart_prints_its_address_and_licence_whole() {
    let t = text("vi");
    let axis = pct;
    let documents = [Form::Wide, Form::Narrow].map(|form| {
        [
            overview(&t, &session_rows(), form),
            indicator_value(&t, &value_chart(), &axis, form),
            history(&t, &history_points(), &axis, form),
        ]
    });
    for svg in documents.iter().flatten() {
        // The footer's lines, read in order, give the address whole and
        // the licence after it.
        let all = texts(svg).concat();
        assert!(all.contains(&t.address), "{all}");
        assert!(all.ends_with(&t.license), "{all}");
    }
    // Without a licence, the address alone.
    let bare = ChartText {
        license: String::new(),
        ..text("en")
    };
    let all = texts(&overview(&bare, &session_rows(), Form::Narrow)).concat();
    assert!(all.ends_with(&bare.address), "{all}");
}
