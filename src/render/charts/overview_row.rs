//! One row of the session overview: the indicator name on the left, the
//! bar lane (figures over a bar, the "no data" text, or a neutral marker)
//! in the middle, and the status as symbol and word on the right. In the
//! narrow form the row is stacked: the name across the chart, the figures
//! and the status on the line under it, then the bar across the chart.

use super::canvas::{Anchor, Canvas, Face};
use super::frame::{paragraph, status_fill, status_ink, Scale};
use super::style::{
    BACKGROUND, BODY_SIZE, INK, MARK_STROKE, MUTED_INK, NEUTRAL, SMALL_SIZE, TARGET_INK,
};
use super::text::{clean, shorten, width, wrap};
use super::{ChartWords, OverviewRow};
use crate::compute::Status;

/// Width of the indicator name column.
pub(super) const LABEL_WIDTH: f64 = 270.0;
/// Height of one row: two lines of name, or value text over a bar.
pub(super) const ROW_HEIGHT: f64 = 48.0;
/// Line height of the indicator names.
const LABEL_LINE: f64 = 17.0;
/// Thickness of a progress bar.
const BAR_HEIGHT: f64 = 14.0;
/// Texts in the bar lane start a little right of the zero line, so that
/// their white outline does not cut it.
const TEXT_INSET: f64 = 5.0;
/// Half-diagonal of the target diamond.
const DIAMOND: f64 = 6.0;
/// In a stacked row: the room above the name, from the name's last line
/// to the figures' baseline, from there to the bar, and under the bar.
const STACK_TOP: f64 = 6.0;
const STACK_FIGURES: f64 = 14.0;
const STACK_BAR: f64 = 6.0;
const STACK_BOTTOM: f64 = 10.0;
/// Stacked, figures too wide for their lane take a second line this far
/// below the first.
const FIGURES_LINE: f64 = 15.0;

/// What a row draws in its bar lane.
pub(super) enum Mark {
    /// A bar of this progress.
    Bar(f64),
    /// The "no data" text: there is no actual.
    NoData,
    /// A neutral marker: an actual, but nothing to measure it against.
    Neutral,
}

pub(super) fn mark(row: &OverviewRow) -> Mark {
    // Any finite progress makes a bar: the axis caps how long it is drawn.
    match row.progress.filter(|p| p.is_finite()) {
        Some(p) => Mark::Bar(p.max(0.0)),
        None if row.status == Status::NoData || clean(&row.actual_label).is_empty() => Mark::NoData,
        None => Mark::Neutral,
    }
}

/// A target label from the caller, if it has any text.
pub(super) fn target_of(row: &OverviewRow) -> Option<String> {
    row.target_label
        .as_deref()
        .map(clean)
        .filter(|t| !t.is_empty())
}

/// Where the rows' columns are: the progress scale starts at the bar
/// lane's left edge; the status column ends at the right margin.
pub(super) struct Columns {
    pub scale: Scale,
    pub status_x: f64,
    pub status_width: f64,
    /// The left of the names and the room they wrap in.
    pub name_x: f64,
    pub name_width: f64,
    /// Whether rows are stacked (the narrow form) rather than in columns.
    pub stacked: bool,
    /// Stacked, whether the status has a line of its own under the name,
    /// across the chart, rather than sharing the figures' line.
    pub status_apart: bool,
}

/// The room a stacked row gives its status line, when it has one.
fn status_line(cols: &Columns) -> f64 {
    match cols.status_apart {
        true => LABEL_LINE + 2.0,
        false => 0.0,
    }
}

/// The number of lines a row's name takes (one to two).
fn name_lines(row: &OverviewRow, cols: &Columns) -> f64 {
    let lines = wrap(&clean(&row.label), cols.name_width, BODY_SIZE, false, 2).len();
    lines.max(1) as f64
}

/// The room a row's bar lane gives its figures.
fn lane_width(cols: &Columns) -> f64 {
    let lane_x0 = cols.scale.from;
    if cols.status_apart {
        cols.scale.to - lane_x0
    } else if cols.stacked {
        cols.status_x - 8.0 - lane_x0
    } else {
        cols.status_x - 12.0 - lane_x0
    }
}

/// The lines of a row's figures, up to two, so that a long unit
/// ("490 kg per person") is read whole.
fn figure_lines(text: &str, cols: &Columns) -> Vec<String> {
    let room = lane_width(cols) - TEXT_INSET;
    wrap(text, room, SMALL_SIZE, false, 2)
}

/// How far below the first the bar starts for a row's figures' extra line.
fn extra_figure_lines(lines: &[String]) -> f64 {
    lines.len().saturating_sub(1) as f64 * FIGURES_LINE
}

/// The height of a row: fixed in columns; stacked, by the lines of its
/// name and of its figures.
pub(super) fn row_height(
    words: &ChartWords,
    row: &OverviewRow,
    mark: &Mark,
    cols: &Columns,
) -> f64 {
    let figures = figure_lines(&figures_text(words, row, mark), cols);
    if cols.stacked {
        STACK_TOP
            + name_lines(row, cols) * LABEL_LINE
            + status_line(cols)
            + STACK_FIGURES
            + extra_figure_lines(&figures)
            + STACK_BAR
            + BAR_HEIGHT
            + STACK_BOTTOM
    } else {
        ROW_HEIGHT + extra_figure_lines(&figures)
    }
}

/// One row as it is laid out, `top` being the top of its band.
struct RowBox<'a> {
    row: &'a OverviewRow,
    words: &'a ChartWords,
    cols: &'a Columns,
    /// The left of the bar lane (the zero line) and the room in it.
    lane_x0: f64,
    lane_width: f64,
    bar_top: f64,
    bar_mid: f64,
    /// The target's label, if the row has one.
    target: Option<String>,
    /// The actual as formatted, cleaned.
    actual: String,
}

/// Draws one row whose band starts at `top`; `status` is the row's status
/// as symbol and word.
pub(super) fn draw_row(
    c: &mut Canvas,
    words: &ChartWords,
    row: &OverviewRow,
    mark: &Mark,
    status: &str,
    top: f64,
    cols: &Columns,
) {
    let lane_x0 = cols.scale.from;
    let figures = figure_lines(&figures_text(words, row, mark), cols);
    // Stacked, the figures and the status share the line under the name,
    // and the bar lane runs under them.
    let (figures_y, bar_top) = if cols.stacked {
        let figures_y = name_end(row, top, cols) + status_line(cols) + STACK_FIGURES - 2.0;
        (
            figures_y,
            figures_y + extra_figure_lines(&figures) + STACK_BAR,
        )
    } else {
        (top + 16.0, top + 22.0 + extra_figure_lines(&figures))
    };
    let b = RowBox {
        row,
        words,
        cols,
        lane_x0,
        lane_width: lane_width(cols),
        bar_top,
        bar_mid: bar_top + BAR_HEIGHT / 2.0,
        target: target_of(row),
        actual: clean(&row.actual_label),
    };
    name(c, row, top, cols);
    b.figures(c, &figures, figures_y);
    match mark {
        Mark::Bar(p) => b.bar(c, *p),
        Mark::NoData => b.no_data(c),
        Mark::Neutral => b.neutral(c),
    }
    // Stacked rows give the status a line of its own under the name, or
    // the figures' line; a row without a bar keeps it beside its own text.
    let status_y = if cols.status_apart {
        // One name line further down.
        name_end(row, top, cols) + LABEL_LINE - 4.0
    } else if cols.stacked && matches!(mark, Mark::Bar(_)) {
        figures_y
    } else {
        b.bar_mid + 4.0
    };
    c.halo_text(
        cols.status_x,
        status_y,
        &shorten(status, cols.status_width, BODY_SIZE, false),
        BODY_SIZE,
        status_ink(row.status),
        Face::Regular,
        Anchor::Start,
    );
}

/// Stacked, the bottom of the name's last line.
fn name_end(row: &OverviewRow, top: f64, cols: &Columns) -> f64 {
    top + STACK_TOP + name_lines(row, cols) * LABEL_LINE
}

/// The name, wrapped to two lines: centred on the row in columns, at the
/// top of a stacked row.
fn name(c: &mut Canvas, row: &OverviewRow, top: f64, cols: &Columns) {
    if cols.stacked {
        // Across the bar lane: outlined, so that the grid does not cut it.
        let lines = wrap(&clean(&row.label), cols.name_width, BODY_SIZE, false, 2);
        let first = top + STACK_TOP + (LABEL_LINE - BODY_SIZE) / 2.0 + BODY_SIZE * 0.8;
        for (i, line) in lines.iter().enumerate() {
            let baseline = first + i as f64 * LABEL_LINE;
            c.halo_text(
                cols.name_x,
                baseline,
                line,
                BODY_SIZE,
                INK,
                Face::Regular,
                Anchor::Start,
            );
        }
        return;
    }
    let label_top = if cols.stacked {
        top + STACK_TOP
    } else {
        top + (ROW_HEIGHT - name_lines(row, cols) * LABEL_LINE) / 2.0
    };
    paragraph(
        c,
        cols.name_x,
        label_top,
        cols.name_width,
        &row.label,
        BODY_SIZE,
        LABEL_LINE,
        2,
        INK,
        Face::Regular,
    );
}

/// The figures a row writes over its bar lane: "actual / target …", the
/// target alone without an actual, nothing beside a neutral marker.
pub(super) fn figures_text(words: &ChartWords, row: &OverviewRow, mark: &Mark) -> String {
    let target_text = target_of(row).map(|t| format!("{} {t}", clean(&words.target)));
    let actual = clean(&row.actual_label);
    match mark {
        Mark::Bar(_) => match target_text {
            Some(t) if !actual.is_empty() => format!("{actual} / {t}"),
            Some(t) => t,
            None => actual,
        },
        Mark::NoData => target_text.unwrap_or_default(),
        Mark::Neutral => String::new(),
    }
}

/// The room the figures' text takes on a lane, inset included.
pub(super) fn figures_width(text: &str) -> f64 {
    width(text, SMALL_SIZE, false) + TEXT_INSET
}

impl RowBox<'_> {
    /// The figures over the bar lane: "actual / target …", the target
    /// alone without an actual, nothing beside a neutral marker.
    fn figures(&self, c: &mut Canvas, lines: &[String], baseline: f64) {
        for (i, line) in lines.iter().enumerate() {
            c.halo_text(
                self.lane_x0 + TEXT_INSET,
                baseline + i as f64 * FIGURES_LINE,
                line,
                SMALL_SIZE,
                MUTED_INK,
                Face::Regular,
                Anchor::Start,
            );
        }
    }

    /// A bar of progress `p`, broken near its end when it is longer than
    /// the axis, and the target diamond at 100%.
    fn bar(&self, c: &mut Canvas, p: f64) {
        let (lane_x0, bar_top) = (self.lane_x0, self.bar_top);
        let scale = &self.cols.scale;
        let end = scale.at(p).max(lane_x0 + 2.0);
        c.bar(
            lane_x0,
            bar_top,
            end,
            bar_top + BAR_HEIGHT,
            status_fill(self.row.status),
            format!("bar {}", self.row.status.as_str()),
        );
        if p > scale.hi {
            // A break near the end: the bar is longer than the axis.
            let x = end - 9.0;
            c.polygon(
                &[
                    (x - 4.0, bar_top + BAR_HEIGHT + 1.0),
                    (x, bar_top + BAR_HEIGHT + 1.0),
                    (x + 4.0, bar_top - 1.0),
                    (x, bar_top - 1.0),
                ],
                BACKGROUND,
            );
        }
        if self.target.is_some() {
            c.diamond((scale.at(1.0), self.bar_mid), DIAMOND, TARGET_INK);
        }
    }

    /// The "no data" text, and the target diamond if it leaves room.
    fn no_data(&self, c: &mut Canvas) {
        let no_data = clean(&self.words.no_data);
        let no_data = shorten(&no_data, self.lane_width - TEXT_INSET, SMALL_SIZE, false);
        c.halo_text(
            self.lane_x0 + TEXT_INSET,
            self.bar_mid + 4.0,
            &no_data,
            SMALL_SIZE,
            NEUTRAL,
            Face::Italic,
            Anchor::Start,
        );
        let text_end = self.lane_x0 + TEXT_INSET + width(&no_data, SMALL_SIZE, false);
        let x100 = self.cols.scale.at(1.0);
        if self.target.is_some() && text_end + 8.0 < x100 - DIAMOND {
            c.diamond((x100, self.bar_mid), DIAMOND, TARGET_INK);
        }
    }

    /// No bar without a target: a neutral ring and the value itself, with
    /// the baseline it is compared with, if any.
    fn neutral(&self, c: &mut Canvas) {
        let (lane_x0, bar_mid, actual) = (self.lane_x0, self.bar_mid, &self.actual);
        c.ring((lane_x0 + 6.0, bar_mid), 4.0, NEUTRAL, MARK_STROKE);
        let value = match self.row.baseline_label.as_deref().map(clean) {
            Some(b) if !b.is_empty() => {
                format!("{actual} · {} {b}", clean(&self.words.baseline))
            }
            _ => actual.clone(),
        };
        c.halo_text(
            lane_x0 + 16.0,
            bar_mid + 4.0,
            &shorten(&value, self.lane_width - 16.0, SMALL_SIZE, false),
            SMALL_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
    }
}
