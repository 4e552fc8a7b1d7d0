//! Who sent a message of `talk_histories`: the rule `summary` shows and
//! `csv` writes. The payload's `user` is the talk's assigned user on every
//! message, the customer's own included, so it cannot say alone who wrote
//! a message: the message's `type` decides first.

use std::borrow::Cow;

use crate::json::Val;

/// The paths of a message the rule reads (for the parse extent).
pub const READS: &[&[&str]] = &[
    &["type"],
    &["from"],
    &["user", "name"],
    &["user_id"],
    &["user", "is_bot"],
];

/// Who a message's sender is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderKind {
    /// An incoming message (`type` `in`).
    Customer,
    /// An outgoing message by a person.
    User,
    /// An outgoing message by a user with `is_bot`.
    Bot,
    /// A `system` message (queue changes, transfers).
    System,
}

impl SenderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SenderKind::Customer => "customer",
            SenderKind::User => "user",
            SenderKind::Bot => "bot",
            SenderKind::System => "system",
        }
    }
}

/// The customer's number (`from`) for incoming messages, else the user's
/// name, else `user N`, else `from`.
/// (An empty `from` counts as none.)
pub fn sender_name<'d>(m: Val<'d, '_>) -> Option<Cow<'d, str>> {
    let from = m.get("from").scalar_text().filter(|t| !t.is_empty());
    let user = m.path(&["user", "name"]).scalar_text();
    if m.get("type").as_str() == Some("in") {
        return from.or(user);
    }
    let user_id = || {
        let id = m.get("user_id").scalar_text()?;
        Some(Cow::Owned(format!("user {id}")))
    };
    user.or_else(user_id).or(from)
}

/// The kind of sender by the message's `type`, and for outgoing messages
/// the user's `is_bot`; `None` for an unknown type.
pub fn sender_kind(m: Val<'_, '_>) -> Option<SenderKind> {
    Some(match m.get("type").as_str()? {
        "in" => SenderKind::Customer,
        "system" => SenderKind::System,
        "out" if m.path(&["user", "is_bot"]).as_bool() == Some(true) => SenderKind::Bot,
        "out" => SenderKind::User,
        _ => return None,
    })
}
