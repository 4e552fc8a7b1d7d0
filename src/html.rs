//! Plain text from the small HTML fragments NuVidio stores as issue notes
//! (`<p>teste webhook</p>`): tags dropped, entities decoded, block elements
//! and `<br>` turned into line breaks, whitespace collapsed as a browser
//! would show it.

use std::borrow::Cow;

/// Elements that start a new line where they open or close.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// The text a browser would show for `html`, one line per block. Text
/// without any tag is not HTML and comes back unchanged (whitespace and
/// `&` included).
///
/// Linear in the input: the end of a tag or comment is looked up through
/// [`Next`], which never scans the same bytes twice, so a `<` or `<!--`
/// that is never closed costs nothing per repetition.
pub fn to_text(html: &str) -> Cow<'_, str> {
    if !has_tag(html) {
        return Cow::Borrowed(html);
    }
    let mut tags = Tags::new(html);
    let mut text = Text::default();
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &html.as_bytes()[at..]).map(|i| at + i) {
        text.push_words(&html[at..open]);
        match tags.at(open) {
            Some((name, len)) => {
                text.tag(name);
                at = open + len;
            }
            None => {
                text.push_words("<");
                at = open + 1;
            }
        }
    }
    text.push_words(&html[at..]);
    Cow::Owned(text.finish())
}

fn has_tag(s: &str) -> bool {
    let mut tags = Tags::new(s);
    memchr::memchr_iter(b'<', s.as_bytes()).any(|i| tags.at(i).is_some())
}

/// Finds tags in one text, asked at increasing offsets.
struct Tags<'a> {
    html: &'a str,
    close: Next<'a>,
    comment_end: Next<'a>,
}

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Tags {
            html,
            close: Next::new(html, ">"),
            comment_end: Next::new(html, "-->"),
        }
    }

    /// The case-insensitive element name and the length of a tag at byte
    /// `at` (`<p>`, `</p>`, `<br/>`, `<!-- -->`), if one starts there.
    fn at(&mut self, at: usize) -> Option<(&'a str, usize)> {
        let s = &self.html[at..];
        if s.starts_with("<!--") {
            let end = self.comment_end.from(at + 4)?;
            return Some(("", end + 3 - at));
        }
        let inner = s.strip_prefix('<')?;
        let body = inner.strip_prefix('/').unwrap_or(inner);
        if !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!') {
            return None;
        }
        let end = self.close.from(at + 1)?;
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        Some((&body[..name_len], end + 1 - at))
    }
}

/// The next occurrence of a needle, remembered: asked at offsets that do
/// not decrease, it scans each byte of the text at most once.
struct Next<'a> {
    hay: &'a str,
    needle: &'static str,
    /// Searched from this offset...
    searched: usize,
    /// ...and found here (`None`: nowhere after `searched`).
    found: Option<usize>,
}

impl<'a> Next<'a> {
    fn new(hay: &'a str, needle: &'static str) -> Self {
        let found = memchr::memmem::find(hay.as_bytes(), needle.as_bytes());
        Next {
            hay,
            needle,
            searched: 0,
            found,
        }
    }

    /// The first occurrence starting at or after `at`.
    fn from(&mut self, at: usize) -> Option<usize> {
        let stale = at < self.searched || self.found.is_some_and(|f| f < at);
        if stale {
            let rest = self.hay.as_bytes().get(at..).unwrap_or_default();
            self.found = memchr::memmem::find(rest, self.needle.as_bytes()).map(|i| at + i);
            self.searched = at;
        }
        self.found
    }
}

/// Text being built: words separated by single spaces, lines by `\n`.
#[derive(Default)]
struct Text {
    out: String,
    /// A space is owed before the next word.
    space: bool,
}

impl Text {
    fn push_words(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        let decoded = decoded.replace('\u{a0}', " ");
        if decoded.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for word in decoded.split_whitespace() {
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.out.push_str(word);
            self.space = true;
        }
        self.space = decoded.ends_with(char::is_whitespace) || decoded.trim().is_empty();
    }

    fn tag(&mut self, name: &str) {
        if name.eq_ignore_ascii_case("br") {
            self.out.push('\n');
            self.space = false;
        } else if BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            self.line_break();
        } else if ["td", "th"].iter().any(|c| c.eq_ignore_ascii_case(name)) {
            // Table cells sit side by side: keep their words apart.
            self.space = true;
        }
    }

    /// Ends the current line unless it is empty.
    fn line_break(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }

    fn finish(self) -> String {
        let mut out = String::with_capacity(self.out.len());
        let mut blank = 0;
        for line in self.out.trim_matches('\n').split('\n') {
            let line = line.trim_end();
            blank = if line.is_empty() { blank + 1 } else { 0 };
            if blank <= 1 && (!out.is_empty() || !line.is_empty()) {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.truncate(out.trim_end_matches('\n').len());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_lines() {
        assert_eq!(to_text("<p>teste webhook</p>"), "teste webhook");
        assert_eq!(to_text("<p>a</p><p>b</p>"), "a\nb");
        assert_eq!(to_text("<p>one<br>two</p>"), "one\ntwo");
        assert_eq!(to_text("<p>a</p><p><br></p><p>b</p>"), "a\n\nb");
        assert_eq!(
            to_text("<ul><li>x</li><li>y</li></ul>\n<p>z</p>"),
            "x\ny\nz"
        );
    }

    #[test]
    fn entities_and_inline_tags() {
        assert_eq!(
            to_text("<p>R$ 10 &amp; <strong>mais</strong>&nbsp;!</p>"),
            "R$ 10 & mais !"
        );
        assert_eq!(to_text("<b>a&lt;b</b>"), "a<b");
        assert_eq!(to_text("<P CLASS=\"x\">Big</P>"), "Big");
        assert_eq!(to_text("x<!-- hidden -->y"), "xy");
    }

    #[test]
    fn text_that_is_not_html_survives() {
        assert_eq!(to_text("plain  text\nkept"), "plain  text\nkept");
        assert_eq!(to_text("Tom &amp; 1 < 2\n x"), "Tom &amp; 1 < 2\n x");
        assert_eq!(to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(to_text("<unclosed"), "<unclosed");
        assert_eq!(to_text(""), "");
    }

    #[test]
    fn notes_as_the_summary_shows_them() {
        assert_eq!(to_text("<p>teste webhook</p>"), "teste webhook");
        assert_eq!(
            to_text("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#233;t&eacute;</p>"),
            "a & b <c> \"d\" été"
        );
        assert_eq!(to_text("<ul><li>a</li><li>b</li></ul>"), "a\nb");
        assert_eq!(to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(to_text("<td>a</td><td>b</td>"), "a b");
        assert_eq!(to_text(""), "");
    }

    // issue 9 point 9: `<!--` and `<a` never closed, repeated, took time
    // quadratic in their number; they are text and come back unchanged.
    #[test]
    fn unclosed_tags_and_comments_are_text() {
        let comments = "<!--".repeat(10_000);
        assert_eq!(to_text(&comments), comments);
        let opens = "<a".repeat(10_000);
        assert_eq!(to_text(&opens), opens);
        assert_eq!(to_text(&format!("{comments}-->")), "");
        assert_eq!(to_text(&format!("{opens}>b")), "b");
        assert_eq!(to_text("x<!--y<p>z</p>"), "x<!--y\nz");
        assert_eq!(to_text("<!--a--><!--b<i>c</i>"), "<!--bc");
    }

    /// The tag finder before issue 9 point 9 (quadratic on unclosed tags):
    /// the oracle the linear one is compared with.
    fn reference_tag_at(s: &str) -> Option<(&str, usize)> {
        if let Some(comment) = s.strip_prefix("<!--") {
            let end = comment.find("-->")?;
            return Some(("", 4 + end + 3));
        }
        let inner = s.strip_prefix('<')?;
        let body = inner.strip_prefix('/').unwrap_or(inner);
        if !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!') {
            return None;
        }
        let end = inner.find('>')?;
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        Some((&body[..name_len], 1 + end + 1))
    }

    #[test]
    fn finds_the_same_tags_as_the_reference() {
        const PIECES: &[&str] = &[
            "<", ">", "<!--", "-->", "--", "!", "/", "a", "p", "br", " ", "é", "&amp;", "\n",
        ];
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..3_000 {
            let len = rng.usize(0..24);
            let html: String = (0..len)
                .map(|_| PIECES[rng.usize(..PIECES.len())])
                .collect();
            let mut tags = Tags::new(&html);
            for (i, _) in html.match_indices('<') {
                assert_eq!(tags.at(i), reference_tag_at(&html[i..]), "{html:?} at {i}");
            }
        }
    }
}
