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
//! A piece may be a JSON Pointer (`slashes`): one word that, wider than
//! its column, breaks only before a `/`, each line whole segments, the
//! continuation lines indented by `CONTINUE`; a segment still too wide is
//! shortened in the middle.
//!
//! Cells carry styles of any type `S`; the laid-out lines are runs of text
//! with their style, painted by the caller.

use std::borrow::Cow;

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
/// Indent of the continuation lines of a pointer broken at `/`.
const CONTINUE: usize = 2;

/// A piece of a cell's text with its style. `unbroken` pieces are one word
/// whatever spaces they hold; `slashes` pieces too (a JSON Pointer), but
/// one that breaks before a `/` when wider than its column. The text is
/// borrowed from the summary when it needs no escaping.
#[derive(Debug, Clone)]
pub(crate) struct Piece<'t, S> {
    pub text: Cow<'t, str>,
    pub style: S,
    pub unbroken: bool,
    pub slashes: bool,
}

/// A cell: pieces shown one after the other.
pub(crate) type Cell<'t, S> = Vec<Piece<'t, S>>;

/// A laid-out line: runs of text and their style.
pub(crate) type Line<'t, S> = Vec<(Cow<'t, str>, S)>;

/// Where laid-out lines go, one at a time.
pub(crate) type Emit<'e, 't, S> = &'e mut dyn FnMut(&[(Cow<'t, str>, S)]);

/// A column: whether it holds prose (it is promised `PROSE_MIN` columns),
/// the most columns it takes, if capped, and whether it is kept whole.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnKind {
    pub prose: bool,
    pub max: Option<usize>,
    /// Never narrower than its natural width (a key such as a JSON
    /// Pointer, useless cut): a table that cannot keep it whole is laid
    /// out as records.
    pub whole: bool,
}

impl ColumnKind {
    /// A column of values, as wide as the others leave it.
    pub const PLAIN: ColumnKind = ColumnKind {
        prose: false,
        max: None,
        whole: false,
    };
    /// A column of prose, promised `PROSE_MIN` columns.
    pub const PROSE: ColumnKind = ColumnKind {
        prose: true,
        ..ColumnKind::PLAIN
    };
    /// A column kept whole (see [`ColumnKind::whole`]).
    pub const WHOLE: ColumnKind = ColumnKind {
        whole: true,
        ..ColumnKind::PLAIN
    };
}

/// Rows of cells to lay out.
#[derive(Debug, Clone)]
pub(crate) struct Grid<'t, S> {
    pub columns: Vec<ColumnKind>,
    /// Header labels, also the names of a record layout.
    pub header: Option<Vec<Cell<'t, S>>>,
    /// Each row's cells and the lines it is cut to, if any.
    pub rows: Vec<(Vec<Cell<'t, S>>, Option<usize>)>,
    /// Words wider than their column are kept whole.
    pub full: bool,
}

/// The width tables are laid out in, for a terminal `columns` wide with
/// `margin` columns left of the table.
pub(crate) fn width(columns: usize, margin: usize) -> usize {
    columns.saturating_sub(margin).max(MIN_WIDTH)
}

/// A word: its runs (`runs[start..end]` of its cell's [`Words`]), display
/// width and what precedes it.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    width: usize,
    /// Starts a new line (a line break in the text precedes it).
    newline: bool,
    /// Continues the word before it without a space (a pointer's next
    /// segment), or starts an indented line when it does not fit.
    glued: bool,
}

/// A cell's words: their runs in one list, so that a cell costs two
/// allocations however many words it has (and none once the buffers have
/// grown: they are reused from cell to cell).
#[derive(Debug)]
struct Words<'t, S> {
    runs: Vec<(Cow<'t, str>, S)>,
    words: Vec<Word>,
}

impl<'t, S: Copy> Words<'t, S> {
    fn new() -> Self {
        Words {
            runs: Vec::new(),
            words: Vec::new(),
        }
    }

    /// The words of `cell`, replacing the buffers' content.
    fn of(cell: &'t Cell<'t, S>) -> Self {
        let mut words = Words::new();
        words.fill_from(cell);
        words
    }

    fn fill_from(&mut self, cell: &'t Cell<'t, S>) {
        self.runs.clear();
        self.words.clear();
        let mut open = false;
        let mut newline = false;
        for piece in cell {
            if piece.slashes {
                self.push_segments(piece, &mut open, &mut newline);
                continue;
            }
            if piece.unbroken {
                let text = match piece.text.contains('\n') {
                    true => Cow::Owned(piece.text.replace('\n', " ")),
                    false => Cow::Borrowed(piece.text.as_ref()),
                };
                self.push(text, piece.style, &mut open, &mut newline);
                continue;
            }
            let mut rest: &'t str = piece.text.as_ref();
            loop {
                let end = rest.find([' ', '\n']).unwrap_or(rest.len());
                if end > 0 {
                    self.push(
                        Cow::Borrowed(&rest[..end]),
                        piece.style,
                        &mut open,
                        &mut newline,
                    );
                }
                let Some(sep) = rest[end..].chars().next() else {
                    break;
                };
                open = false;
                newline |= sep == '\n' && !self.words.is_empty();
                rest = &rest[end + 1..];
            }
        }
    }

    /// A pointer's segments (each from a `/` to the next), each a word
    /// glued to the one before.
    fn push_segments(&mut self, piece: &'t Piece<'t, S>, open: &mut bool, newline: &mut bool) {
        let text: &'t str = piece.text.as_ref();
        let mut starts: Vec<usize> = text.match_indices('/').map(|(i, _)| i).collect();
        starts.retain(|&i| i > 0);
        starts.push(text.len());
        let mut from = 0;
        for (k, &to) in starts.iter().enumerate() {
            if k > 0 {
                *open = false;
            }
            self.push(Cow::Borrowed(&text[from..to]), piece.style, open, newline);
            if k > 0 {
                self.words.last_mut().expect("a word").glued = true;
            }
            from = to;
        }
    }

    /// Adds a run to the open word, or to a new one.
    fn push(&mut self, text: Cow<'t, str>, style: S, open: &mut bool, newline: &mut bool) {
        if !*open {
            let at = self.runs.len();
            self.words.push(Word {
                start: at,
                end: at,
                width: 0,
                newline: std::mem::take(newline),
                glued: false,
            });
            *open = true;
        }
        let word = self.words.last_mut().expect("an open word");
        word.width += text.width();
        word.end += 1;
        self.runs.push((text, style));
    }

    fn runs(&self, word: &Word) -> &[(Cow<'t, str>, S)] {
        &self.runs[word.start..word.end]
    }

    /// The natural width: the widest line unwrapped.
    fn natural(&self) -> usize {
        let (mut widest, mut line) = (0, 0);
        for word in &self.words {
            line = match (word.newline, line) {
                (true, _) | (_, 0) => word.width,
                (false, line) if word.glued => line + word.width,
                (false, line) => line + 1 + word.width,
            };
            widest = widest.max(line);
        }
        widest
    }
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

/// A word's text shortened in the middle to `width` (one run, the first's
/// style), when it is wider and not `full`; `None` when it fits as it is.
fn shortened<S: Copy>(
    runs: &[(Cow<'_, str>, S)],
    word: &Word,
    width: usize,
    full: bool,
) -> Option<(String, usize)> {
    if full || word.width <= width {
        return None;
    }
    let text: String = runs.iter().map(|(t, _)| t.as_ref()).collect();
    let text = shorten(&text, width);
    let shown = text.width();
    Some((text, shown))
}

/// A cell's words in lines of `width` columns, at most `max` of them (the
/// last then ending with `…`).
fn fill<'t, S: Copy>(
    words: &Words<'t, S>,
    width: usize,
    max: Option<usize>,
    full: bool,
) -> Vec<Line<'t, S>> {
    let mut lines: Vec<(Line<'t, S>, usize)> = Vec::new();
    let max = max.unwrap_or(usize::MAX);
    for word in &words.words {
        let runs = words.runs(word);
        let style = runs[0].1;
        // A segment that fits whole only unindented is not indented.
        let fits_only_flush = (width.saturating_sub(CONTINUE) + 1..=width).contains(&word.width);
        let (gap, indent) = match (word.glued, width > 2 * CONTINUE && !fits_only_flush) {
            (true, true) => (0, CONTINUE),
            (true, false) => (0, 0),
            (false, _) => (1, 0),
        };
        let short = shortened(runs, word, width - indent, full);
        let word_width = short.as_ref().map_or(word.width, |(_, w)| *w);
        let joins = !word.newline
            && lines
                .last()
                .is_some_and(|(l, w)| !l.is_empty() && w + gap + word_width <= width);
        if !joins && lines.len() == max {
            if let Some((line, w)) = lines.last_mut() {
                end_with_ellipsis(line, w, width, style);
            }
            break;
        }
        if !joins {
            let mut line = Vec::with_capacity(runs.len() + 1);
            if indent > 0 {
                line.push((Cow::Owned(" ".repeat(indent)), style));
            }
            lines.push((line, indent));
        }
        let (line, w) = lines.last_mut().expect("a line");
        if joins && gap > 0 {
            line.push((Cow::Borrowed(" "), style));
            *w += 1;
        }
        match short {
            Some((text, _)) => line.push((Cow::Owned(text), style)),
            None => line.extend(runs.iter().cloned()),
        }
        *w += word_width;
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// Ends a cut line with `…`, dropping what leaves no room for it.
fn end_with_ellipsis<S: Copy>(line: &mut Line<'_, S>, w: &mut usize, width: usize, style: S) {
    while *w + 1 > width {
        let Some((text, style)) = line.pop() else {
            break;
        };
        *w -= text.width();
        let keep = shorten_head(&text, (width - 1).saturating_sub(*w));
        if !keep.is_empty() {
            *w += keep.width();
            line.push((Cow::Owned(keep), style));
        }
    }
    let style = line.last().map_or(style, |(_, s)| *s);
    line.push((Cow::Borrowed(ELLIPSIS), style));
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

/// Lays the grid out, handing each line to `emit` (trailing blanks
/// trimmed) as soon as it is made: a row's words are found once to measure
/// the columns and once more to fill them, so only one row's lines are
/// held at a time however long the table.
pub(crate) fn layout<'t, S: Copy>(
    grid: &'t Grid<'t, S>,
    width: usize,
    blank: S,
    emit: Emit<'_, 't, S>,
) {
    let count = grid.columns.len();
    let avail = width.saturating_sub(GAP * count.saturating_sub(1));
    let mut naturals = vec![0; count];
    let mut words = Words::new();
    let rows = grid.header.iter().chain(grid.rows.iter().map(|(c, _)| c));
    for cells in rows {
        for (i, cell) in cells.iter().enumerate().take(count) {
            words.fill_from(cell);
            naturals[i] = naturals[i].max(words.natural());
        }
    }
    for (n, kind) in naturals.iter_mut().zip(&grid.columns) {
        *n = kind.max.map_or(*n, |max| max.min(*n));
    }
    match widths(&naturals, &grid.columns, avail) {
        Some(widths) => table(grid, &widths, blank, emit),
        None => records(grid, width, blank, emit),
    }
}

/// Rows side by side under their header.
fn table<'t, S: Copy>(grid: &'t Grid<'t, S>, widths: &[usize], blank: S, emit: Emit<'_, 't, S>) {
    let header = grid.header.iter().map(|h| (h, Some(1)));
    let all = header.chain(grid.rows.iter().map(|(c, max)| (c, *max)));
    let mut words = Words::new();
    let mut line: Line<'t, S> = Vec::new();
    for (cells, max) in all {
        let cells: Vec<Vec<Line<'t, S>>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, &w)| {
                words.fill_from(cell);
                fill(&words, w, max, grid.full)
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            line.clear();
            let mut pad = 0;
            for (cell, &w) in cells.iter().zip(widths) {
                let runs = cell.get(k).map(Vec::as_slice).unwrap_or_default();
                let shown: usize = runs.iter().map(|(t, _)| t.width()).sum();
                if !runs.is_empty() {
                    if pad > 0 {
                        line.push((Cow::Owned(" ".repeat(pad)), blank));
                    }
                    line.extend(runs.iter().cloned());
                    pad = 0;
                }
                pad += w.saturating_sub(shown) + GAP;
            }
            emit(&line);
        }
    }
}

/// One block per row: each column's name, then its value (psql's expanded
/// mode), under a `-[ N ]` line.
fn records<'t, S: Copy>(grid: &'t Grid<'t, S>, width: usize, blank: S, emit: Emit<'_, 't, S>) {
    if grid.header.is_none() {
        return stacked(grid, width, blank, emit);
    }
    let names: Vec<Words<'t, S>> = grid.header.iter().flatten().map(Words::of).collect();
    let name_width = names.iter().map(Words::natural).max().unwrap_or(0);
    let name_width = name_width.min(width / 3);
    let value_width = width.saturating_sub(name_width + GAP).max(1);
    let names: Vec<Vec<Line<'t, S>>> = names
        .iter()
        .map(|n| fill(n, name_width, Some(1), grid.full))
        .collect();
    let mut words = Words::new();
    let mut line: Line<'t, S> = Vec::new();
    for (n, (cells, max)) in grid.rows.iter().enumerate() {
        if n > 0 {
            emit(&[]);
        }
        emit(&[(Cow::Owned(format!("-[ {} ]", n + 1)), blank)]);
        for (i, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            words.fill_from(cell);
            let value = fill(&words, value_width, *max, grid.full);
            for (k, runs) in value.into_iter().enumerate() {
                line.clear();
                let label = if k == 0 {
                    names.get(i).and_then(|n| n.first())
                } else {
                    None
                };
                let shown: usize = label.map_or(0, |l| l.iter().map(|(t, _)| t.width()).sum());
                line.extend(label.into_iter().flatten().cloned());
                let pad = name_width - shown.min(name_width) + GAP;
                line.push((Cow::Owned(" ".repeat(pad)), blank));
                line.extend(runs);
                emit(&line);
            }
        }
    }
}

/// A grid without a header (a label and its value on each row) too
/// narrow for its columns: each row's first cell on a line of its own, the
/// others indented under it.
fn stacked<'t, S: Copy>(grid: &'t Grid<'t, S>, width: usize, blank: S, emit: Emit<'_, 't, S>) {
    let mut words = Words::new();
    let mut line: Line<'t, S> = Vec::new();
    for (cells, max) in &grid.rows {
        for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            let indent = if i == 0 { 0 } else { GAP };
            words.fill_from(cell);
            for runs in fill(&words, width.saturating_sub(indent).max(1), *max, grid.full) {
                line.clear();
                if indent > 0 {
                    line.push((Cow::Owned(" ".repeat(indent)), blank));
                }
                line.extend(runs);
                emit(&line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, unbroken: bool) -> Cell<'static, ()> {
        vec![Piece {
            text: Cow::Owned(text.to_string()),
            style: (),
            unbroken,
            slashes: false,
        }]
    }

    fn text(lines: &[Line<()>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_ref()).collect())
            .collect()
    }

    fn filled(cell: Cell<'_, ()>, width: usize, max: Option<usize>, full: bool) -> Vec<String> {
        text(&fill(&Words::of(&cell), width, max, full))
    }

    fn laid(grid: &Grid<'_, ()>, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        layout(grid, width, (), &mut |line| {
            out.push(line.iter().map(|(t, _)| t.as_ref()).collect());
        });
        out
    }

    #[test]
    fn words_are_shortened_in_the_middle_never_split() {
        let url = "https://example.com/a/very/long/path?with=query&push=true";
        assert_eq!(
            filled(cell(url, false), 20, None, false),
            ["https://ex…push=true"]
        );
        assert_eq!(filled(cell(url, false), 20, None, true), [url]);
        assert_eq!(
            filled(cell("2025-09-08 11: 01: 18", true), 12, None, false),
            ["2025-0…1: 18"]
        );
    }

    fn pointer(text: &str) -> Cell<'static, ()> {
        vec![Piece {
            slashes: true,
            ..cell(text, true).remove(0)
        }]
    }

    #[test]
    fn a_pointer_breaks_only_before_a_slash() {
        let p = "/talk_histories/*/user/show_bot_academy_advice";
        assert_eq!(filled(pointer(p), 60, None, false), [p]);
        assert_eq!(
            filled(pointer(p), 30, None, false),
            ["/talk_histories/*/user", "  /show_bot_academy_advice"]
        );
        // A segment that fits only unindented is not indented.
        assert_eq!(
            filled(pointer(p), 24, None, false),
            ["/talk_histories/*/user", "/show_bot_academy_advice"]
        );
        // A segment wider than the column is shortened, not split.
        assert_eq!(
            filled(pointer(p), 20, None, false),
            ["/talk_histories/*", "  /user", "  /show_bot…y_advice"]
        );
        let whole = pointer(p);
        assert_eq!(Words::of(&whole).natural(), p.len());
    }

    #[test]
    fn prose_wraps_between_words_and_is_cut_with_an_ellipsis() {
        assert_eq!(
            filled(cell("aa bb cc dd ee ff", false), 5, None, false),
            ["aa bb", "cc dd", "ee ff"]
        );
        assert_eq!(
            filled(cell("aa bb cc dd ee ff", false), 5, Some(2), false),
            ["aa bb", "cc d…"]
        );
        assert_eq!(
            filled(cell("one\ntwo", false), 20, None, false),
            ["one", "two"]
        );
    }

    #[test]
    fn a_table_without_room_for_its_prose_becomes_records() {
        let grid = Grid {
            columns: vec![ColumnKind::PLAIN, ColumnKind::PROSE],
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
        let lines = laid(&grid, 100);
        assert_eq!(lines[0].trim_end(), format!("ID{}TEXT", " ".repeat(30)));
        let lines = laid(&grid, 40);
        assert_eq!(lines[0], "-[ 1 ]");
        assert!(lines[1].starts_with("ID    xxxx"), "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 40), "{lines:?}");
    }

    #[test]
    fn a_narrow_table_without_a_header_stacks_each_label_over_its_value() {
        let grid = Grid {
            columns: vec![ColumnKind::PLAIN, ColumnKind::PROSE],
            header: None,
            rows: vec![
                (vec![cell("pointer", true), cell("/a/b", true)], None),
                (
                    vec![cell("about", true), cell("one two three four", false)],
                    None,
                ),
            ],
            full: false,
        };
        assert_eq!(
            laid(&grid, 12),
            ["pointer", "  /a/b", "about", "  one two", "  three four"]
        );
    }

    #[test]
    fn a_whole_column_is_never_squeezed() {
        let (prose, whole) = (ColumnKind::PROSE, ColumnKind::WHOLE);
        assert_eq!(widths(&[40, 40], &[whole, prose], 80), Some(vec![40, 40]));
        assert_eq!(widths(&[40, 40], &[whole, prose], 60), None);
        assert!(widths(&[40, 40], &[ColumnKind::PLAIN, prose], 60).is_some());
    }

    #[test]
    fn widths_share_what_is_left_after_prose() {
        let kinds = [ColumnKind::PLAIN, ColumnKind::PLAIN, ColumnKind::PROSE];
        assert_eq!(widths(&[10, 40, 100], &kinds, 70), Some(vec![10, 30, 30]));
        assert_eq!(widths(&[10, 40, 20], &kinds, 70), Some(vec![10, 40, 20]));
        assert_eq!(widths(&[10, 40, 100], &kinds, 35), None);
    }
}
