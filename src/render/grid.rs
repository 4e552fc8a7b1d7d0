//! Borderless text tables, laid out here in time linear in their text.
//!
//! The rules (issue 14): a cell is a run of words; prose breaks lines only
//! between words, and a word, or a value given as one piece (a datetime, a
//! phone number), is never split across lines: wider than its column, it
//! is shortened in the middle with `…` (kept whole, wider than the column,
//! when `full`). Columns get their natural width when the table fits;
//! otherwise the other columns share what is left once each prose column
//! is promised `PROSE_MIN` columns, and a table that cannot keep that
//! promise (or would squeeze a column below `MIN_COLUMN`) is laid out as
//! records instead: one `NAME  value` block per row, as `psql`'s expanded
//! mode shows it.
//!
//! Cells carry styles of any type `S`; the laid-out lines are runs of text
//! with their style, painted by the caller.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Space between columns (none at the edges).
pub(crate) const GAP: usize = 2;
/// Narrowest table laid out.
const MIN_WIDTH: usize = 20;
/// Columns a prose column is promised before the table turns into records.
pub(crate) const PROSE_MIN: usize = 30;
/// Narrowest a column may be squeezed to (or its natural width, when
/// less) before the table turns into records.
const MIN_COLUMN: usize = 16;
/// What marks a shortened or cut text.
const ELLIPSIS: &str = "…";

/// A piece of a cell's text with its style. `unbroken` pieces are one word
/// whatever spaces they hold.
#[derive(Debug, Clone)]
pub(crate) struct Piece<S> {
    pub text: String,
    pub style: S,
    pub unbroken: bool,
}

/// A cell: pieces shown one after the other.
pub(crate) type Cell<S> = Vec<Piece<S>>;

/// A laid-out line: runs of text and their style.
pub(crate) type Line<S> = Vec<(String, S)>;

/// A column: whether it holds prose (it is promised `PROSE_MIN` columns),
/// the most columns it takes, if capped, and whether it is kept whole.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColumnKind {
    pub prose: bool,
    pub max: Option<usize>,
    /// Never narrower than its natural width (a key such as a JSON
    /// Pointer, useless cut): a table that cannot keep it whole is laid
    /// out as records.
    pub whole: bool,
}

/// Rows of cells to lay out.
#[derive(Debug, Clone)]
pub(crate) struct Grid<S> {
    pub columns: Vec<ColumnKind>,
    /// Header labels, also the names of a record layout.
    pub header: Option<Vec<Cell<S>>>,
    /// Each row's cells and the lines it is cut to, if any.
    pub rows: Vec<(Vec<Cell<S>>, Option<usize>)>,
    /// Words wider than their column are kept whole.
    pub full: bool,
}

/// The width tables are laid out in, for a terminal `columns` wide with
/// `margin` columns left of the table.
pub(crate) fn width(columns: usize, margin: usize) -> usize {
    columns.saturating_sub(margin).max(MIN_WIDTH)
}

/// A word: its runs, display width and what precedes it.
#[derive(Debug, Clone)]
struct Word<S> {
    runs: Line<S>,
    width: usize,
    /// Starts a new line (a line break in the text precedes it).
    newline: bool,
}

/// A row's cells as words, and the lines it is cut to, if any.
type WordRow<S> = (Vec<Vec<Word<S>>>, Option<usize>);

/// A cell's words.
fn words<S: Copy>(cell: &Cell<S>) -> Vec<Word<S>> {
    let mut words = Vec::new();
    let mut current: Option<Word<S>> = None;
    let mut newline = false;
    let push = |word: &mut Option<Word<S>>, text: &str, style: S, newline: &mut bool| {
        let w = word.get_or_insert_with(|| Word {
            runs: Vec::new(),
            width: 0,
            newline: std::mem::take(newline),
        });
        w.width += text.width();
        w.runs.push((text.to_string(), style));
    };
    for piece in cell {
        if piece.unbroken {
            let text = piece.text.replace('\n', " ");
            push(&mut current, &text, piece.style, &mut newline);
            continue;
        }
        let mut rest = piece.text.as_str();
        loop {
            let end = rest.find([' ', '\n']).unwrap_or(rest.len());
            if end > 0 {
                push(&mut current, &rest[..end], piece.style, &mut newline);
            }
            let Some(sep) = rest[end..].chars().next() else {
                break;
            };
            words.extend(current.take());
            newline |= sep == '\n' && !words.is_empty();
            rest = &rest[end + 1..];
        }
    }
    words.extend(current);
    words
}

/// The natural width of a cell: its widest line unwrapped.
fn natural<S>(words: &[Word<S>]) -> usize {
    let (mut widest, mut line) = (0, 0);
    for word in words {
        line = match (word.newline, line) {
            (true, _) | (_, 0) => word.width,
            (false, line) => line + 1 + word.width,
        };
        widest = widest.max(line);
    }
    widest
}

/// `text` shortened to `width` columns by cutting its middle out, when
/// wider.
pub(crate) fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    let (head, tail) = (room - room / 2, room / 2);
    let mut shown = 0;
    let mut end = 0;
    for (i, g) in text.grapheme_indices(true) {
        if shown + g.width() > head {
            break;
        }
        shown += g.width();
        end = i + g.len();
    }
    let mut shown = 0;
    let mut start = text.len();
    for (i, g) in text.grapheme_indices(true).rev() {
        if shown + g.width() > tail || i < end {
            break;
        }
        shown += g.width();
        start = i;
    }
    format!("{}{ELLIPSIS}{}", &text[..end], &text[start..])
}

/// A word fitted to `width`: shortened in the middle (one run, the first's
/// style) unless `full`.
fn fitted<S: Copy>(word: Word<S>, width: usize, full: bool) -> Word<S> {
    if full || word.width <= width {
        return word;
    }
    let text: String = word.runs.iter().map(|(t, _)| t.as_str()).collect();
    let style = word.runs[0].1;
    let text = shorten(&text, width);
    Word {
        width: text.width(),
        runs: vec![(text, style)],
        newline: word.newline,
    }
}

/// A cell's words in lines of `width` columns, at most `max` of them (the
/// last then ending with `…`).
fn fill<S: Copy>(
    words: Vec<Word<S>>,
    width: usize,
    max: Option<usize>,
    full: bool,
) -> Vec<Line<S>> {
    let mut lines: Vec<(Line<S>, usize)> = Vec::new();
    let max = max.unwrap_or(usize::MAX);
    for word in words {
        let word = fitted(word, width, full);
        let joins = !word.newline
            && lines
                .last()
                .is_some_and(|(l, w)| !l.is_empty() && w + 1 + word.width <= width);
        if joins {
            let (line, w) = lines.last_mut().expect("a line");
            line.push((" ".to_string(), word.runs[0].1));
            line.extend(word.runs);
            *w += 1 + word.width;
            continue;
        }
        if lines.len() == max {
            if let Some((line, w)) = lines.last_mut() {
                end_with_ellipsis(line, w, width, word.runs[0].1);
            }
            break;
        }
        lines.push((word.runs, word.width));
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// Ends a cut line with `…`, dropping what leaves no room for it.
fn end_with_ellipsis<S: Copy>(line: &mut Line<S>, w: &mut usize, width: usize, style: S) {
    while *w + 1 > width {
        let Some((text, style)) = line.pop() else {
            break;
        };
        *w -= text.width();
        let keep = shorten_head(&text, (width - 1).saturating_sub(*w));
        if !keep.is_empty() {
            *w += keep.width();
            line.push((keep, style));
        }
    }
    let style = line.last().map_or(style, |(_, s)| *s);
    line.push((ELLIPSIS.to_string(), style));
    *w += 1;
}

/// The first graphemes of `text` that fit in `width` columns.
fn shorten_head(text: &str, width: usize) -> String {
    let mut shown = 0;
    for (i, g) in text.grapheme_indices(true) {
        if shown + g.width() > width {
            return text[..i].to_string();
        }
        shown += g.width();
    }
    text.to_string()
}

/// Column widths for a table `avail` columns wide (gaps excluded), or
/// `None` when it should be laid out as records.
fn widths(naturals: &[usize], kinds: &[ColumnKind], avail: usize) -> Option<Vec<usize>> {
    if naturals.iter().sum::<usize>() <= avail {
        return Some(naturals.to_vec());
    }
    let prose = |i: &usize| kinds.get(*i).is_some_and(|k| k.prose);
    let (prose_cols, others): (Vec<usize>, Vec<usize>) = (0..naturals.len()).partition(prose);
    let reserve: usize = prose_cols.iter().map(|&i| naturals[i].min(PROSE_MIN)).sum();
    let budget = avail.checked_sub(reserve)?;
    let mut out = naturals.to_vec();
    let level = share(&others, naturals, budget, &mut out);
    let squeezed = |i: &usize| {
        let whole = kinds.get(*i).is_some_and(|k| k.whole);
        naturals[*i] > level && (whole || level < naturals[*i].min(MIN_COLUMN))
    };
    if others.iter().any(squeezed) {
        return None;
    }
    let used: usize = others.iter().map(|&i| out[i]).sum();
    share(&prose_cols, naturals, avail - used, &mut out);
    Some(out)
}

/// Gives the columns `cols` widths at most their natural ones, summing to
/// at most `budget`, the widest cut to one level (the largest that fits;
/// what rounding leaves goes to the first cut columns). Returns the level.
fn share(cols: &[usize], naturals: &[usize], budget: usize, out: &mut [usize]) -> usize {
    let mut sorted: Vec<usize> = cols.iter().map(|&i| naturals[i]).collect();
    sorted.sort_unstable();
    let (mut left, mut level) = (budget, usize::MAX);
    for (k, &n) in sorted.iter().enumerate() {
        let rest = sorted.len() - k;
        if n * rest > left {
            level = left / rest;
            break;
        }
        left -= n;
    }
    let mut spare = match level {
        usize::MAX => 0,
        level => budget - cols.iter().map(|&i| naturals[i].min(level)).sum::<usize>(),
    };
    for &i in cols {
        out[i] = naturals[i].min(level);
        if naturals[i] > level && spare > 0 {
            out[i] += 1;
            spare -= 1;
        }
    }
    level
}

/// The laid-out lines, trailing blanks trimmed.
pub(crate) fn layout<S: Copy>(grid: Grid<S>, width: usize, blank: S) -> Vec<Line<S>> {
    let count = grid.columns.len();
    let avail = width.saturating_sub(GAP * count.saturating_sub(1));
    let header: Option<Vec<Vec<Word<S>>>> =
        grid.header.as_ref().map(|h| h.iter().map(words).collect());
    let rows: Vec<WordRow<S>> = grid
        .rows
        .iter()
        .map(|(cells, lines)| (cells.iter().map(words).collect(), *lines))
        .collect();
    let mut naturals = vec![0; count];
    for cells in header.iter().chain(rows.iter().map(|(c, _)| c)) {
        for (i, cell) in cells.iter().enumerate().take(count) {
            naturals[i] = naturals[i].max(natural(cell));
        }
    }
    for (n, kind) in naturals.iter_mut().zip(&grid.columns) {
        *n = kind.max.map_or(*n, |max| max.min(*n));
    }
    match widths(&naturals, &grid.columns, avail) {
        Some(widths) => table(header, rows, &widths, grid.full, blank),
        None => records(header, rows, width, grid.full, blank),
    }
}

/// Rows side by side under their header.
fn table<S: Copy>(
    header: Option<Vec<Vec<Word<S>>>>,
    rows: Vec<WordRow<S>>,
    widths: &[usize],
    full: bool,
    blank: S,
) -> Vec<Line<S>> {
    let mut out = Vec::new();
    let all = header.map(|h| (h, Some(1))).into_iter().chain(rows);
    for (cells, max) in all {
        let cells: Vec<Vec<Line<S>>> = cells
            .into_iter()
            .zip(widths)
            .map(|(words, &w)| fill(words, w, max, full))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut line: Line<S> = Vec::new();
            let mut pad = 0;
            for (cell, &w) in cells.iter().zip(widths) {
                let runs = cell.get(k).cloned().unwrap_or_default();
                let shown: usize = runs.iter().map(|(t, _)| t.width()).sum();
                if !runs.is_empty() {
                    if pad > 0 {
                        line.push((" ".repeat(pad), blank));
                    }
                    line.extend(runs);
                    pad = 0;
                }
                pad += w.saturating_sub(shown) + GAP;
            }
            out.push(line);
        }
    }
    out
}

/// One block per row: each column's name, then its value (psql's expanded
/// mode), under a `-[ N ]` line.
fn records<S: Copy>(
    header: Option<Vec<Vec<Word<S>>>>,
    rows: Vec<WordRow<S>>,
    width: usize,
    full: bool,
    blank: S,
) -> Vec<Line<S>> {
    let names: Vec<Vec<Word<S>>> = header.unwrap_or_default();
    let name_width = names.iter().map(|n| natural(n)).max().unwrap_or(0);
    let name_width = name_width.min(width / 3);
    let value_width = width.saturating_sub(name_width + GAP).max(1);
    let mut out = Vec::new();
    for (n, (cells, max)) in rows.into_iter().enumerate() {
        if n > 0 {
            out.push(Vec::new());
        }
        out.push(vec![(format!("-[ {} ]", n + 1), blank)]);
        for (i, cell) in cells.into_iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let name = names.get(i).cloned().unwrap_or_default();
            let name = fill(name, name_width, Some(1), full);
            let value = fill(cell, value_width, max, full);
            for (k, runs) in value.into_iter().enumerate() {
                let mut line: Line<S> = Vec::new();
                let label = if k == 0 { name.first() } else { None };
                let shown: usize = label.map_or(0, |l| l.iter().map(|(t, _)| t.width()).sum());
                line.extend(label.cloned().unwrap_or_default());
                line.push((" ".repeat(name_width - shown.min(name_width) + GAP), blank));
                line.extend(runs);
                out.push(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, unbroken: bool) -> Cell<()> {
        vec![Piece {
            text: text.to_string(),
            style: (),
            unbroken,
        }]
    }

    fn text(lines: &[Line<()>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn words_are_shortened_in_the_middle_never_split() {
        let url = "https://example.com/a/very/long/path?with=query&push=true";
        let lines = fill(words(&cell(url, false)), 20, None, false);
        assert_eq!(text(&lines), ["https://ex…push=true"]);
        let lines = fill(words(&cell(url, false)), 20, None, true);
        assert_eq!(text(&lines), [url]);
        let lines = fill(words(&cell("2025-09-08 11: 01: 18", true)), 12, None, false);
        assert_eq!(text(&lines), ["2025-0…1: 18"]);
    }

    #[test]
    fn prose_wraps_between_words_and_is_cut_with_an_ellipsis() {
        let lines = fill(words(&cell("aa bb cc dd ee ff", false)), 5, None, false);
        assert_eq!(text(&lines), ["aa bb", "cc dd", "ee ff"]);
        let lines = fill(words(&cell("aa bb cc dd ee ff", false)), 5, Some(2), false);
        assert_eq!(text(&lines), ["aa bb", "cc d…"]);
        let lines = fill(words(&cell("one\ntwo", false)), 20, None, false);
        assert_eq!(text(&lines), ["one", "two"]);
    }

    #[test]
    fn a_table_without_room_for_its_prose_becomes_records() {
        let grid = Grid {
            columns: vec![
                ColumnKind::default(),
                ColumnKind {
                    prose: true,
                    ..ColumnKind::default()
                },
            ],
            header: Some(vec![cell("ID", false), cell("TEXT", false)]),
            rows: vec![(
                vec![
                    cell("x".repeat(30).as_str(), false),
                    cell("a b c ".repeat(20).as_str(), false),
                ],
                None,
            )],
            full: false,
        };
        let lines = text(&layout(grid.clone(), 100, ()));
        assert_eq!(lines[0].trim_end(), format!("ID{}TEXT", " ".repeat(30)));
        let lines = text(&layout(grid, 40, ()));
        assert_eq!(lines[0], "-[ 1 ]");
        assert!(lines[1].starts_with("ID    xxxx"), "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 40), "{lines:?}");
    }

    #[test]
    fn a_whole_column_is_never_squeezed() {
        let prose = ColumnKind {
            prose: true,
            ..ColumnKind::default()
        };
        let whole = ColumnKind {
            whole: true,
            ..ColumnKind::default()
        };
        assert_eq!(widths(&[40, 40], &[whole, prose], 80), Some(vec![40, 40]));
        assert_eq!(widths(&[40, 40], &[whole, prose], 60), None);
        assert!(widths(&[40, 40], &[ColumnKind::default(), prose], 60).is_some());
    }

    #[test]
    fn widths_share_what_is_left_after_prose() {
        let kinds = [
            ColumnKind::default(),
            ColumnKind::default(),
            ColumnKind {
                prose: true,
                ..ColumnKind::default()
            },
        ];
        assert_eq!(widths(&[10, 40, 100], &kinds, 70), Some(vec![10, 30, 30]));
        assert_eq!(widths(&[10, 40, 20], &kinds, 70), Some(vec![10, 40, 20]));
        assert_eq!(widths(&[10, 40, 100], &kinds, 35), None);
    }
}
