//! Styles named by meaning, applied only when color is on.

use owo_colors::{OwoColorize, Style};

/// The styles of hookscope's output.
#[derive(Debug, Clone, Copy)]
pub enum Role {
    Error,
    Warning,
    Header,
    Muted,
    Good,
    Source,
}

impl Role {
    fn style(self) -> Style {
        match self {
            Role::Error => Style::new().red().bold(),
            Role::Warning => Style::new().yellow().bold(),
            Role::Header => Style::new().bold().underline(),
            Role::Muted => Style::new().dimmed(),
            Role::Good => Style::new().green(),
            Role::Source => Style::new().bold(),
        }
    }
}

/// `text` in `role`'s style when `color` is on, else as it is.
pub fn paint(text: &str, role: Role, color: bool) -> String {
    if color {
        text.style(role.style()).to_string()
    } else {
        text.to_string()
    }
}

/// `text` in a `#rrggbb` color when `color` is on and the color parses.
pub fn paint_hex(text: &str, hex: Option<&str>, color: bool) -> String {
    let rgb = hex
        .filter(|h| crate::values::is_color(h))
        .and_then(|h| u32::from_str_radix(&h[1..], 16).ok());
    match (color, rgb) {
        (true, Some(rgb)) => {
            let (r, g, b) = ((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8);
            text.truecolor(r, g, b).bold().to_string()
        }
        _ => text.to_string(),
    }
}
