//! Every string of the interface, in Vietnamese and English. Templates get
//! them as `t.<key>`; a language other than these two falls back to English.

use std::collections::BTreeMap;

use crate::compute::Status;
use crate::model::Lang;

/// `(key, Vietnamese, English)`.
const STRINGS: &[(&str, &str, &str)] = &[
    ("skip_to_content", "Bỏ qua, đến nội dung chính", "Skip to main content"),
    ("home", "Trang chủ", "Home"),
    ("sessions", "Phiên họp", "Sessions"),
    ("indicators", "Chỉ tiêu", "Indicators"),
    ("methodology", "Phương pháp", "Methodology"),
    ("language", "Ngôn ngữ", "Language"),
    ("main_nav", "Điều hướng chính", "Main navigation"),
    ("latest_session", "Phiên họp gần nhất", "Latest session"),
    ("all_sessions", "Tất cả các phiên họp", "All sessions"),
    ("all_indicators", "Tất cả các chỉ tiêu", "All indicators"),
    ("targets_achieved", "chỉ tiêu đã đạt", "targets achieved"),
    ("of", "trên", "of"),
    ("date", "Ngày", "Date"),
    ("chair", "Chủ trì", "Chair"),
    ("notes", "Ghi chú", "Notes"),
    ("results", "Kết quả", "Results"),
    ("indicator", "Chỉ tiêu", "Indicator"),
    ("scope", "Phạm vi", "Scope"),
    ("actual", "Thực hiện", "Actual"),
    ("target", "Mục tiêu", "Target"),
    ("baseline", "Mốc so sánh", "Baseline"),
    ("due", "Hạn", "Due"),
    ("as_of", "Số liệu đến", "As of"),
    ("status", "Trạng thái", "Status"),
    ("source", "Nguồn", "Source"),
    ("sources", "Nguồn", "Sources"),
    ("session", "Phiên họp", "Session"),
    ("unit", "Đơn vị", "Unit"),
    ("direction", "Chiều tốt", "Better when"),
    ("direction_up", "cao hơn là tốt hơn", "higher is better"),
    ("direction_down", "thấp hơn là tốt hơn", "lower is better"),
    ("group", "Nhóm", "Group"),
    ("other_group", "Khác", "Other"),
    ("history", "Diễn biến qua các phiên họp", "History across sessions"),
    ("overview_chart", "Biểu đồ tổng quan", "Overview chart"),
    ("charts_by_indicator", "Biểu đồ từng chỉ tiêu", "Chart for each indicator"),
    ("national", "Toàn quốc", "National"),
    ("no_data", "không có số liệu", "no data"),
    ("no_data_yet", "Chưa có số liệu", "No data yet"),
    ("no_results", "Phiên họp này chưa có kết quả nào.", "This session has no results yet."),
    ("not_reported", "không báo cáo", "not reported"),
    ("page_not_found", "Không tìm thấy trang", "Page not found"),
    ("page_not_found_text", "Trang bạn tìm không có ở đây. Có thể đường dẫn đã sai.", "The page you are looking for is not here. The link may be wrong."),
    ("back_home", "Về trang chủ", "Back to the home page"),
    ("published_by", "Đơn vị công bố", "Published by"),
    ("license", "Giấy phép", "Licence"),
    ("data_downloads", "Tải dữ liệu", "Download the data"),
    ("all_results_csv", "Tất cả kết quả (CSV)", "All results (CSV)"),
    ("all_results_json", "Tất cả kết quả (JSON)", "All results (JSON)"),
    ("chart_svg", "Biểu đồ (SVG)", "Chart (SVG)"),
    ("progress", "Tiến độ so với mục tiêu", "Progress towards target"),
    (
        "reported_figures",
        "Số liệu báo cáo; phiên họp không đặt mục tiêu",
        "Reported figures; the session set no targets",
    ),
    ("sessions_count", "phiên họp", "sessions"),
    ("results_count", "kết quả", "results"),
    ("made_with", "Tạo bằng minhbach", "Made with minhbach"),
    ("view_in", "Xem bằng", "View in"),
    ("table_caption_session", "Kết quả được xem xét tại phiên họp", "Results reviewed at the session"),
    ("table_caption_indicator", "Mọi kết quả của chỉ tiêu này", "Every result for this indicator"),
    ("summary", "Tóm tắt", "Summary"),
    ("published", "Ngày đăng", "Published"),
    ("link", "Liên kết", "Link"),
    ("source_register", "Danh mục nguồn", "Source register"),
    ("source_register_intro", "Mỗi con số trên trang này được đối chiếu với con số in trong tài liệu gốc. Dưới đây là các tài liệu và mọi con số chúng đã in.", "Every figure on this site is checked against the figure printed in its source document. Here are the documents and every figure they printed."),
    ("printed_figures", "Các con số được in trong tài liệu", "Figures as printed in the document"),
    ("printed_value", "Giá trị như đã in", "Value as printed"),
    ("label", "Nội dung", "Label"),
    ("cited_by", "Kết quả trích dẫn tài liệu này", "Results that cite this document"),
    ("document_language", "Ngôn ngữ tài liệu", "Language of the document"),
    ("about_meeting", "Về cuộc họp", "About"),
    ("figures_count", "con số", "figures"),
    ("original_link", "Xem bản gốc", "Read the original"),
    ("no_link", "Tài liệu không ghi địa chỉ trực tuyến.", "The document gives no web address."),
    ("about_status", "Trạng thái được tính thế nào", "How status is computed"),
    ("download", "Tải về", "Download"),
    ("embed_and_cite", "Nhúng và trích dẫn", "Embed and cite"),
    ("how_to_cite", "Cách trích dẫn", "How to cite"),
    ("cite_accessed", "truy cập ngày [ngày/tháng/năm]", "accessed [day month year]"),
    ("embed_iframe", "Mã nhúng biểu đồ (iframe, tự co giãn theo bề rộng cột)", "Embed code (iframe, scales to the column width)"),
    ("embed_img", "Hoặc chèn ảnh SVG của biểu đồ", "Or insert the chart's SVG as an image"),
    ("embed_preview", "Xem trước trang nhúng", "Preview the embed"),
    ("copy", "Sao chép", "Copy"),
    ("copied", "Đã sao chép", "Copied"),
    ("view_on_site", "Xem tại", "View on"),
    ("session_data", "Dữ liệu của phiên họp này", "This session's data"),
    ("search", "Tìm kiếm", "Search"),
    ("search_button", "Tìm", "Search"),
    ("search_label", "Tìm chỉ tiêu, phiên họp", "Find indicators, sessions"),
    ("search_hint", "Gõ có dấu hoặc không dấu đều được, ví dụ: hoa don dien tu.", "Vietnamese words can be typed with or without diacritics, for example: hoa don dien tu."),
    ("search_found", "Có {n} kết quả cho “{q}”.", "{n} results for “{q}”."),
    ("search_none", "Không có kết quả cho “{q}”. Hãy thử một từ ngắn hơn.", "Nothing found for “{q}”. Try a shorter word."),
    ("search_noscript", "Trình duyệt đang tắt JavaScript, nên dưới đây là toàn bộ chỉ tiêu và phiên họp.", "JavaScript is off, so every indicator and session is listed below."),
    ("no_targets_latest", "Không kết quả nào của phiên họp này có mục tiêu, nên chưa thể so với mục tiêu.", "No result of this session has a target, so none can be measured against one."),
    ("charts_page_link", "Xem biểu đồ riêng của từng chỉ tiêu, kèm mã nhúng và dữ liệu", "See the chart of each indicator, with embed codes and data"),
    ("chart", "Biểu đồ", "Chart"),
    ("by_status", "Số kết quả theo trạng thái", "Results by status"),
];

/// The interface strings in `lang`, by key.
pub fn strings(lang: &Lang) -> BTreeMap<&'static str, &'static str> {
    let vi = lang.as_str() == "vi";
    STRINGS
        .iter()
        .map(|(k, v, e)| (*k, if vi { *v } else { *e }))
        .collect()
}

/// One interface string.
pub fn t(lang: &Lang, key: &str) -> &'static str {
    let vi = lang.as_str() == "vi";
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, v, e)| if vi { *v } else { *e })
        .unwrap_or("")
}

/// The name of a status in `lang`.
pub fn status(s: Status, lang: &Lang) -> &'static str {
    let vi = lang.as_str() == "vi";
    match s {
        Status::Achieved => {
            if vi {
                "Đã đạt"
            } else {
                "Achieved"
            }
        }
        Status::OnTrack => {
            if vi {
                "Đúng tiến độ"
            } else {
                "On track"
            }
        }
        Status::Behind => {
            if vi {
                "Chưa đạt"
            } else {
                "Behind"
            }
        }
        Status::NoData => {
            if vi {
                "Không có số liệu"
            } else {
                "No data"
            }
        }
        Status::NoTarget => {
            if vi {
                "Không có mục tiêu"
            } else {
                "No target"
            }
        }
    }
}

/// The name of a language in that language, for the switcher.
pub fn language_name(lang: &Lang) -> String {
    match lang.as_str() {
        "vi" => "Tiếng Việt".to_owned(),
        "en" => "English".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), STRINGS.len());
        assert!(STRINGS
            .iter()
            .all(|(_, v, e)| !v.is_empty() && !e.is_empty()));
    }
}
