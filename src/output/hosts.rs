//! What the static hosts the site is meant for publish at most, and the
//! warnings a build gives when its output is larger.
//!
//! The limits are the hosts' documented ones (December 2026): a site over
//! them is refused or cut short at deploy time, long after the build said
//! it succeeded. Only `build` compares, with the exact counts of what it
//! wrote: `check` renders nothing, and an estimate from the number of
//! results would be wrong by the size of the PNGs, which depends on what
//! they show.

use std::path::Path;

use crate::diagnostics::{say, Code, Diagnostic};

/// What a build wrote: files, bytes of their contents, and the largest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteSize {
    pub files: usize,
    pub bytes: u64,
    /// The largest file, and its size in bytes.
    pub largest: Option<(String, u64)>,
}

impl SiteSize {
    /// Counts one file of `bytes` bytes at `rel`.
    pub fn add(&mut self, rel: &str, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
        if self.largest.as_ref().is_none_or(|(_, b)| bytes > *b) {
            self.largest = Some((rel.to_owned(), bytes));
        }
    }
}

/// One documented limit of a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The host, and the plan when the limit depends on it.
    pub host: &'static str,
    pub what: Measure,
    pub most: u64,
}

/// What a [`Limit`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Files in the published site.
    Files,
    /// Bytes of the whole published site.
    SiteBytes,
    /// Bytes of one file.
    FileBytes,
}

const GB: u64 = 1_000_000_000;
const MIB: u64 = 1 << 20;

/// The limits, in the order they are reported.
pub const LIMITS: &[Limit] = &[
    Limit {
        host: "GitHub Pages",
        what: Measure::SiteBytes,
        most: GB,
    },
    Limit {
        host: "Cloudflare Pages (free plan)",
        what: Measure::Files,
        most: 20_000,
    },
    Limit {
        host: "Cloudflare Pages (paid plans)",
        what: Measure::Files,
        most: 100_000,
    },
    Limit {
        host: "Cloudflare Pages",
        what: Measure::FileBytes,
        most: 25 * MIB,
    },
    Limit {
        host: "GitLab Pages",
        what: Measure::SiteBytes,
        most: GB,
    },
    Limit {
        host: "GitLab Pages",
        what: Measure::Files,
        most: 200_000,
    },
];

/// The limits of `limits` that `size` exceeds.
pub fn exceeded<'l>(size: &SiteSize, limits: &'l [Limit]) -> Vec<&'l Limit> {
    limits
        .iter()
        .filter(|l| {
            let has = match l.what {
                Measure::Files => size.files as u64,
                Measure::SiteBytes => size.bytes,
                Measure::FileBytes => size.largest.as_ref().map_or(0, |(_, b)| *b),
            };
            has > l.most
        })
        .collect()
}

/// What a site may leave out to fit a host: the per-result files, and
/// the charts frozen at each session, as its `site.yaml` has them now.
#[derive(Debug, Clone, Copy)]
pub struct Optional {
    pub result_files: bool,
    pub frozen_embeds: bool,
}

/// A `host-limit` warning for each limit of `limits` that `size` exceeds,
/// about the site written at `out`. `optional` says which files the site
/// still has that it may leave out: leaving them out is the hint when
/// files or bytes are too many.
pub fn warnings(
    size: &SiteSize,
    limits: &[Limit],
    out: &Path,
    optional: Optional,
) -> Vec<Diagnostic> {
    exceeded(size, limits)
        .into_iter()
        .map(|l| {
            let host = l.host;
            let most = l.most;
            let d = match l.what {
                Measure::Files => {
                    let files = size.files;
                    Diagnostic::warning(
                        Code::HostLimit,
                        out,
                        say!(
                            en: "the site has {files} files; {host} publishes at most {most}",
                            vi: "trang có {files} tệp; {host} chỉ đăng tối đa {most} tệp"
                        ),
                    )
                }
                Measure::SiteBytes => {
                    let (has, most) = (megabytes(size.bytes), megabytes(most));
                    Diagnostic::warning(
                        Code::HostLimit,
                        out,
                        say!(
                            en: "the site is {has} MB; {host} publishes at most {most} MB",
                            vi: "trang nặng {has} MB; {host} chỉ đăng tối đa {most} MB"
                        ),
                    )
                }
                Measure::FileBytes => {
                    let (path, bytes) = size.largest.clone().unwrap_or_default();
                    let (has, most) = (megabytes(bytes), megabytes(most));
                    Diagnostic::warning(
                        Code::HostLimit,
                        out,
                        say!(
                            en: "`{path}` is {has} MB; {host} publishes files of at most {most} MB",
                            vi: "`{path}` nặng {has} MB; {host} chỉ đăng tệp tối đa {most} MB"
                        ),
                    )
                }
            };
            let frozen = optional.result_files && optional.frozen_embeds;
            match (l.what, optional.result_files) {
                (Measure::Files | Measure::SiteBytes, true) if frozen => d.hint(say!(
                    en: "`frozen_embeds: false` in `site.yaml` leaves out each indicator's chart frozen at every session, which is most of a site with many sessions; `result_files: false` leaves out each result's own chart, data files and embed page as well (see docs/output.md)",
                    vi: "đặt `frozen_embeds: false` trong `site.yaml` để bỏ các bản biểu đồ chỉ tiêu cố định theo từng phiên, phần lớn dung lượng của một trang có nhiều phiên; `result_files: false` bỏ thêm biểu đồ, tệp dữ liệu và trang nhúng riêng của từng kết quả (xem docs/output.md)"
                )),
                (Measure::Files | Measure::SiteBytes, true) => d.hint(say!(
                    en: "`result_files: false` in `site.yaml` leaves out each result's own chart, data files and embed page (see docs/output.md)",
                    vi: "đặt `result_files: false` trong `site.yaml` để bỏ biểu đồ, tệp dữ liệu và trang nhúng riêng của từng kết quả (xem docs/output.md)"
                )),
                _ => d.hint(say!(
                    en: "publish the site on a host or plan with a higher limit (see docs/output.md)",
                    vi: "hãy đăng trang lên nơi lưu trữ hoặc gói có giới hạn cao hơn (xem docs/output.md)"
                )),
            }
        })
        .collect()
}

/// Bytes in megabytes (10^6), with one decimal.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(files: usize, bytes: u64, largest: u64) -> SiteSize {
        SiteSize {
            files,
            bytes,
            largest: Some(("sessions/x/chart.png".to_owned(), largest)),
        }
    }

    fn hosts(size: &SiteSize) -> Vec<(&'static str, Measure)> {
        exceeded(size, LIMITS)
            .into_iter()
            .map(|l| (l.host, l.what))
            .collect()
    }

    #[test]
    fn a_small_site_fits_every_host() {
        assert!(hosts(&size(1_779, 40_000_000, 3_000_000)).is_empty());
        // At the limit is within it.
        assert!(hosts(&size(20_000, GB, 25 * MIB)).is_empty());
    }

    #[test]
    fn each_limit_is_reported_with_its_host() {
        assert_eq!(
            hosts(&size(20_001, 10, 10)),
            [("Cloudflare Pages (free plan)", Measure::Files)]
        );
        assert_eq!(
            hosts(&size(150_000, 10, 10)),
            [
                ("Cloudflare Pages (free plan)", Measure::Files),
                ("Cloudflare Pages (paid plans)", Measure::Files)
            ]
        );
        assert_eq!(
            hosts(&size(250_000, GB + 1, 25 * MIB + 1)),
            [
                ("GitHub Pages", Measure::SiteBytes),
                ("Cloudflare Pages (free plan)", Measure::Files),
                ("Cloudflare Pages (paid plans)", Measure::Files),
                ("Cloudflare Pages", Measure::FileBytes),
                ("GitLab Pages", Measure::SiteBytes),
                ("GitLab Pages", Measure::Files),
            ]
        );
    }

    const ALL: Optional = Optional {
        result_files: true,
        frozen_embeds: true,
    };
    const UNFROZEN: Optional = Optional {
        result_files: true,
        frozen_embeds: false,
    };
    const NONE: Optional = Optional {
        result_files: false,
        frozen_embeds: true,
    };

    fn hint(w: &Diagnostic) -> String {
        w.hint
            .as_ref()
            .map(|h| h.en().to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_warning_names_the_host_the_limit_and_the_setting() {
        let w = warnings(&size(20_001, 10, 10), LIMITS, Path::new("site"), ALL);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].code, Code::HostLimit);
        let en = w[0].message.en();
        assert!(
            en.contains("20001")
                && en.contains("Cloudflare Pages (free plan)")
                && en.contains("20000"),
            "{en}"
        );
        // The frozen charts first, the per-result files next.
        let first = hint(&w[0]);
        assert!(
            first.find("frozen_embeds: false") < first.find("result_files: false")
                && first.contains("result_files: false"),
            "{first}"
        );
        let file = warnings(&size(1, 30 * MIB, 30 * MIB), LIMITS, Path::new("site"), ALL);
        assert_eq!(file.len(), 1);
        assert!(file[0]
            .message
            .en()
            .contains("`sessions/x/chart.png` is 31.5 MB"));
        assert!(!hint(&file[0]).contains("false"), "{}", hint(&file[0]));
        // Without frozen charts, the per-result files.
        let w = warnings(
            &size(20_001, GB + 1, 10),
            LIMITS,
            Path::new("site"),
            UNFROZEN,
        );
        for w in &w {
            assert!(hint(w).contains("result_files: false") && !hint(w).contains("frozen"));
        }
        // Once the per-result files are left out, the hint is another host,
        // whatever `frozen_embeds` says (nothing is frozen without them).
        let w = warnings(&size(20_001, 10, 10), LIMITS, Path::new("site"), NONE);
        assert!(!hint(&w[0]).contains("result_files") && !hint(&w[0]).contains("frozen"));
    }
}
