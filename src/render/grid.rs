//! Borderless text tables laid out by comfy-table, in time linear in their
//! text.
//!
//! comfy-table re-measures the rest of a word each time it breaks it, so a
//! word of n characters costs n²/width: a 500 KB word took seconds. Cells
//! are therefore fitted before layout. A row cut to a few lines gets its
//! cells cut to what those lines can show (`cut`). A cell shown whole that
//! holds a word wider than the table is broken by `wrap`, a linear copy of
//! comfy-table's own line breaking, at the width comfy-table gives its
//! column; that width is read from a first layout (`probe`) in which each
//! such word is replaced by a prefix that weighs the same in the layout.
//! The output is the one comfy-table would have written, but for the
//! width of a column whose widest text was in a part cut off: it follows
//! what is shown.

use comfy_table::{ColumnConstraint, ContentArrangement, Row, Table, TableStyle, Width};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Space between columns (none at the edges).
const GAP: u16 = 2;
/// Narrowest table comfy-table is asked for.
const MIN_WIDTH: usize = 20;
/// comfy-table starts a new line when fewer columns are left
/// (`MIN_FREE_CHARS`).
const MIN_FREE: usize = 2;

/// Rows of cell text (already escaped and styled) to lay out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub header: Option<Vec<String>>,
    /// Each row's cells and the lines it is cut to, if any.
    pub rows: Vec<(Vec<String>, Option<usize>)>,
    /// Columns at most this wide (padding included).
    pub narrow: Vec<(usize, u16)>,
}

/// The width tables are laid out in, for a terminal `columns` wide with
/// `margin` columns left of the table.
pub(crate) fn width(columns: usize, margin: usize) -> usize {
    columns.saturating_sub(margin).max(MIN_WIDTH)
}

/// Characters of a cell that a row cut to `lines` lines can show in a table
/// `width` wide, with room for how comfy-table breaks lines: cutting the
/// text after this many leaves the lines shown as they were.
pub(crate) fn shown_chars(lines: usize, width: usize) -> usize {
    (lines + 1) * (width + 1)
}

/// `text` cut after `max` characters, with `…` when cut.
pub(crate) fn cut(text: &str, max: usize) -> Option<String> {
    let (end, _) = text.char_indices().nth(max)?;
    Some(format!("{}…", &text[..end]))
}

/// The laid-out lines, joined by `\n`, trailing blanks trimmed; `each`
/// turns every line into its final form.
pub(crate) fn layout(grid: Grid, width: usize, each: impl Fn(&str) -> String) -> String {
    layout_beyond(grid, width, long_word_width(width), each)
}

/// `layout`, with words wider than `long` broken here.
fn layout_beyond(grid: Grid, width: usize, long: usize, each: impl Fn(&str) -> String) -> String {
    let has_long = grid
        .rows
        .iter()
        .flat_map(|(cells, _)| cells)
        .chain(grid.header.iter().flatten())
        .any(|c| has_long_word(c, long));
    let table = match has_long {
        false => table(grid, width, |_, c| c, None),
        true => {
            let widths = probe(&grid, width, long);
            let fitted = |i: usize, c: String| match (has_long_word(&c, long), widths.get(i)) {
                (true, Some(&w)) => wrap(&c, w),
                _ => c,
            };
            table(grid, width, fitted, Some(&widths))
        }
    };
    table
        .lines()
        .map(|line| each(line.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A word wider than this is handled here rather than by comfy-table: more
/// than any cut cell holds, so that cut rows never need it.
fn long_word_width(width: usize) -> usize {
    shown_chars(4, width) * 2
}

fn has_long_word(cell: &str, long: usize) -> bool {
    cell.len() > long && words(cell).any(|w| w.len() > long && w.width() > long)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', ' '])
}

/// The comfy-table, cells made by `cell` (given the column); with
/// `widths`, columns fixed to them.
fn table(
    grid: Grid,
    width: usize,
    cell: impl Fn(usize, String) -> String,
    widths: Option<&[usize]>,
) -> Table {
    let mut table = Table::new();
    table
        .load_style(TableStyle::new())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_truncation_indicator("…");
    if let Some(header) = grid.header {
        table.set_header(cells(header, &cell));
    }
    for (cells, lines) in grid.rows {
        let mut row = Row::from(self::cells(cells, &cell));
        if let Some(lines) = lines {
            row.max_height(lines);
        }
        table.add_row(row);
    }
    let count = table.column_count();
    for (i, column) in table.column_iter_mut().enumerate() {
        let gap = if i + 1 < count { GAP } else { 0 };
        column.set_padding((0, gap));
        let fixed = widths.and_then(|w| w.get(i));
        if let Some(&fixed) = fixed {
            let fixed = u16::try_from(fixed).unwrap_or(u16::MAX).saturating_add(gap);
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(fixed)));
        } else if let Some(&(_, max)) = grid.narrow.iter().find(|(c, _)| *c == i) {
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(max)));
        }
    }
    table
}

fn cells(row: Vec<String>, cell: &impl Fn(usize, String) -> String) -> Vec<String> {
    row.into_iter()
        .enumerate()
        .map(|(i, c)| cell(i, c))
        .collect()
}

/// The content width comfy-table gives each column: laid out with every
/// long word replaced by a prefix still longer than two table widths
/// (which comfy-table arranges the same way: such a word sets a column's
/// widest line beyond the table and breaks into full lines), and a last
/// row of `x` per column whose line shows where the columns start.
fn probe(grid: &Grid, width: usize, long: usize) -> Vec<usize> {
    let stand_in = |c: &String| standing_in(c, long, 2 * width + 2);
    let copy = Grid {
        header: grid
            .header
            .as_ref()
            .map(|h| h.iter().map(stand_in).collect()),
        rows: grid
            .rows
            .iter()
            .map(|(cells, lines)| (cells.iter().map(stand_in).collect(), *lines))
            .collect(),
        narrow: grid.narrow.clone(),
    };
    let mut table = table(copy, width, |_, c| c, None);
    let count = table.column_count();
    let mut marks = Row::from(vec!["x"; count]);
    marks.max_height(1);
    table.add_row(marks);
    let line = table.lines().last().unwrap_or_default();
    let starts: Vec<usize> = line.match_indices('x').map(|(i, _)| i).collect();
    let mut widths: Vec<usize> = starts
        .windows(2)
        .map(|w| w[1] - w[0] - usize::from(GAP))
        .collect();
    widths.push(line.len() - starts.last().copied().unwrap_or_default());
    widths
}

/// `cell` with each word wider than `long` cut to its first graphemes
/// `min` columns wide or more.
fn standing_in(cell: &str, long: usize, min: usize) -> String {
    if !has_long_word(cell, long) {
        return cell.to_string();
    }
    let mut out = String::with_capacity(cell.len().min(4 * long));
    let mut rest = cell;
    loop {
        let end = rest.find(['\n', ' ']).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.len() > long && word.width() > long {
            out.push_str(head(word, min));
        } else {
            out.push_str(word);
        }
        let Some(sep) = rest[end..].chars().next() else {
            return out;
        };
        out.push(sep);
        rest = &rest[end + 1..];
    }
}

/// The first graphemes of `word` that reach `min` columns.
fn head(word: &str, min: usize) -> &str {
    let mut shown = 0;
    for (i, g) in word.grapheme_indices(true) {
        if shown >= min {
            return &word[..i];
        }
        shown += g.width();
    }
    word
}

/// `cell` broken into lines `width` wide as comfy-table would break it.
fn wrap(cell: &str, width: usize) -> String {
    let mut out = String::with_capacity(cell.len() + cell.len() / width.max(1));
    for (i, line) in cell.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.width() > width {
            out.push_str(&split_line(line, width).join("\n"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// comfy-table 8's `split_line` (content_split/mod.rs), word by word,
/// without its quadratic cost: the width of a broken word's rest is taken
/// from the width of the word instead of measured again.
fn split_line(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut words: Vec<(&str, usize)> = line.split(' ').rev().map(|w| (w, w.width())).collect();
    let mut current = String::new();
    let mut current_width = 0;
    while let Some((word, word_width)) = words.pop() {
        let gap = usize::from(!current.is_empty());
        let room = width.saturating_sub(current_width).saturating_sub(gap);
        if word_width + current_width + gap <= width {
            if gap == 1 {
                current.push(' ');
                current_width += 1;
            }
            current.push_str(word);
            current_width += word_width;
            full(&mut lines, &mut current, &mut current_width, width);
        } else if gap == 1 && room <= MIN_FREE {
            words.push((word, word_width));
            lines.push(std::mem::take(&mut current));
            current_width = 0;
        } else if word_width > width {
            if gap == 1 {
                current.push(' ');
            }
            let (head, tail) = split_word(room, word);
            let (head, tail) = match (gap, head.is_empty(), tail.chars().next()) {
                // A character wider than the column: shown anyway.
                (0, true, Some(c)) => tail.split_at(c.len_utf8()),
                _ => (head, tail),
            };
            current.push_str(head);
            words.push((tail, rest_width(tail, word_width, head, width)));
            lines.push(std::mem::take(&mut current));
            current_width = 0;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
            current_width = word_width;
            full(&mut lines, &mut current, &mut current_width, width);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Ends the line when no more than `MIN_FREE` columns are left.
fn full(lines: &mut Vec<String>, current: &mut String, current_width: &mut usize, width: usize) {
    if *current_width > width.saturating_sub(MIN_FREE) {
        lines.push(std::mem::take(current));
        *current_width = 0;
    }
}

/// The width of what is left of a word once `head` is cut off: measured
/// when short, derived from the whole word's width when long.
fn rest_width(tail: &str, word_width: usize, head: &str, width: usize) -> usize {
    if tail.len() <= 8 * (width + 2) {
        tail.width()
    } else {
        word_width.saturating_sub(head.width())
    }
}

/// comfy-table's `split_long_word`: the graphemes of `word` that fit in
/// `room` columns, and the rest.
fn split_word(room: usize, word: &str) -> (&str, &str) {
    let mut shown = 0;
    for (i, g) in word.grapheme_indices(true) {
        let w = g.width();
        if shown + w > room {
            return word.split_at(i);
        }
        shown += w;
    }
    (word, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(line: &str) -> String {
        line.to_string()
    }

    const PIECES: &[&str] = &[
        "a",
        "bc",
        "defgh",
        " ",
        " ",
        "  ",
        "\n",
        "é",
        "中",
        "😀",
        "x\u{301}",
        "-",
        "0123456789",
    ];

    fn random_text(rng: &mut fastrand::Rng) -> String {
        let mut text: String = (0..rng.usize(0..12))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect();
        if rng.bool() {
            let piece = PIECES[rng.usize(..PIECES.len())].trim();
            text.push_str(&piece.repeat(rng.usize(20..250)));
            text.push_str(PIECES[rng.usize(..PIECES.len())]);
        }
        text
    }

    fn random_grid(rng: &mut fastrand::Rng) -> Grid {
        let columns = rng.usize(1..4);
        let row = |rng: &mut fastrand::Rng| (0..columns).map(|_| random_text(rng)).collect();
        Grid {
            header: rng.bool().then(|| row(rng)),
            rows: (0..rng.usize(1..4))
                .map(|_| (row(rng), rng.bool().then(|| rng.usize(1..4))))
                .collect(),
            narrow: if rng.bool() {
                vec![(0, 21)]
            } else {
                Vec::new()
            },
        }
    }

    // issue 9 point 7: comfy-table broke a long word in time quadratic in
    // its length; broken here, the output must stay comfy-table's own.
    #[test]
    fn long_words_are_broken_as_comfy_table_breaks_them() {
        let mut rng = fastrand::Rng::with_seed(7);
        for case in 0..400 {
            let grid = random_grid(&mut rng);
            let width = rng.usize(20..60);
            let long = rng.usize(4..3 * width);
            let text = format!("{grid:?}");
            let ours = layout_beyond(grid.clone(), width, long, plain);
            let theirs = layout_beyond(grid, width, usize::MAX, plain);
            assert_eq!(
                ours, theirs,
                "case {case}, width {width}, long {long}: {text}"
            );
        }
    }

    #[test]
    fn probe_reads_the_column_widths() {
        let grid = Grid {
            header: Some(vec!["A".into(), "B".into(), "C".into()]),
            rows: vec![(vec!["x".repeat(300), "short".into(), "y".repeat(5)], None)],
            narrow: Vec::new(),
        };
        let widths = probe(&grid, 40, 100);
        assert_eq!(widths.iter().sum::<usize>() + 2 * 2, 40, "{widths:?}");
        assert_eq!(widths[1..], [5, 5]);
    }

    // issue 9 point 7: a cut row's cell is cut before layout, leaving the
    // lines shown as they were.
    #[test]
    fn cutting_a_cell_keeps_what_its_lines_show() {
        let mut rng = fastrand::Rng::with_seed(11);
        for case in 0..300 {
            let width = rng.usize(20..60);
            let lines = rng.usize(1..4);
            let text = random_text(&mut rng) + &random_text(&mut rng).repeat(20);
            let one = |text: String| Grid {
                rows: vec![(vec![text], Some(lines))],
                ..Grid::default()
            };
            // The column's width is what cutting may change (the hidden
            // part no longer widens it): compare at a fixed width.
            let fixed = |grid: Grid| {
                let table = table(grid, width, |_, c| c, Some(&[width - 3]));
                table.lines().collect::<Vec<_>>().join("\n")
            };
            let whole = fixed(one(text.clone()));
            let max = shown_chars(lines, width);
            let Some(cut) = cut(&text, max) else { continue };
            assert!(cut.chars().count() <= max + 1);
            // Leading blanks and zero-width text can make a line take more
            // characters than it shows: the cut then shows less, never more.
            if text.contains("\u{301}") || text.contains(' ') && whole.lines().count() < lines {
                continue;
            }
            assert_eq!(fixed(one(cut)), whole, "case {case}: {text:?}");
        }
    }
}
