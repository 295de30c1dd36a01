//! Dossier statuses and who may move a dossier between them (DOMAIN §3).
//!
//! The table below is the single source both the store (which refuses a move) and
//! the screens (which grey out a key and say why) read.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Received,
    InProgress,
    Supplement,
    Ready,
    Returned,
    Rejected,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Received,
        Status::InProgress,
        Status::Supplement,
        Status::Ready,
        Status::Returned,
        Status::Rejected,
        Status::Withdrawn,
    ];
    pub const PENDING: [Status; 3] = [Status::Received, Status::InProgress, Status::Supplement];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InProgress => "in_progress",
            Status::Supplement => "supplement",
            Status::Ready => "ready",
            Status::Returned => "returned",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s.trim())
    }

    /// Still on someone's desk: counts as pending in the queue and the report.
    pub fn is_pending(self) -> bool {
        Status::PENDING.contains(&self)
    }

    /// A dossier is resolved the moment its result is ready or it is rejected (DOMAIN §3);
    /// a returned dossier was resolved earlier, when it became ready.
    pub fn is_resolved(self) -> bool {
        matches!(self, Status::Ready | Status::Returned | Status::Rejected)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Clerk,
    Handler,
    Head,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Clerk, Role::Handler, Role::Head];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Handler => "handler",
            Role::Head => "head",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

/// One allowed move of the status machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: &'static [Status],
    pub to: Status,
    /// The head may do everything (issue 6); it is listed explicitly so the table reads as the law.
    pub roles: &'static [Role],
    pub needs_reason: bool,
}

use Role::*;
use Status::*;

/// DOMAIN §3. `returned → …`, `rejected → …` and `withdrawn → …` do not exist: those are final.
pub const TRANSITIONS: &[Transition] = &[
    Transition { from: &[Received, Supplement], to: InProgress, roles: &[Clerk, Handler, Head], needs_reason: false },
    Transition { from: &[InProgress], to: Supplement, roles: &[Handler, Head], needs_reason: true },
    Transition { from: &[InProgress], to: Ready, roles: &[Handler, Head], needs_reason: false },
    Transition { from: &[Ready], to: Returned, roles: &[Clerk, Head], needs_reason: false },
    Transition { from: &[Received, InProgress], to: Rejected, roles: &[Handler, Head], needs_reason: true },
    Transition { from: &[Received, InProgress, Supplement], to: Withdrawn, roles: &[Clerk, Head], needs_reason: true },
];

/// Why a move is refused: the screens and the command line turn it into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveRefused {
    SameStatus,
    NotAllowed { from: Status, to: Status },
    WrongRole { to: Status, allowed: &'static [Role] },
    ReasonRequired,
}

/// The transition from `from` to `to`, if the status machine has it.
pub fn transition(from: Status, to: Status) -> Option<&'static Transition> {
    TRANSITIONS.iter().find(|t| t.to == to && t.from.contains(&from))
}

/// May `role` move a dossier from `from` to `to`, with this note?
pub fn check_move(role: Role, from: Status, to: Status, note: &str) -> Result<(), MoveRefused> {
    if from == to {
        return Err(MoveRefused::SameStatus);
    }
    let t = transition(from, to).ok_or(MoveRefused::NotAllowed { from, to })?;
    if !t.roles.contains(&role) {
        return Err(MoveRefused::WrongRole { to, allowed: t.roles });
    }
    if t.needs_reason && note.trim().is_empty() {
        return Err(MoveRefused::ReasonRequired);
    }
    Ok(())
}

/// The statuses a dossier can go to next, whoever does it.
pub fn next_statuses(from: Status) -> Vec<Status> {
    TRANSITIONS.iter().filter(|t| t.from.contains(&from)).map(|t| t.to).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (role, from, to) triple: allowed exactly where DOMAIN §3 says so.
    #[test]
    fn every_move_allowed_or_refused_as_the_table_says() {
        let allowed: &[(Status, Status, &[Role])] = &[
            (Received, InProgress, &[Clerk, Handler, Head]),
            (Supplement, InProgress, &[Clerk, Handler, Head]),
            (InProgress, Supplement, &[Handler, Head]),
            (InProgress, Ready, &[Handler, Head]),
            (Ready, Returned, &[Clerk, Head]),
            (Received, Rejected, &[Handler, Head]),
            (InProgress, Rejected, &[Handler, Head]),
            (Received, Withdrawn, &[Clerk, Head]),
            (InProgress, Withdrawn, &[Clerk, Head]),
            (Supplement, Withdrawn, &[Clerk, Head]),
        ];
        let mut allowed_count = 0;
        for role in Role::ALL {
            for from in Status::ALL {
                for to in Status::ALL {
                    let expected = allowed.iter().any(|(f, t, roles)| *f == from && *t == to && roles.contains(&role));
                    let got = check_move(role, from, to, "lý do").is_ok();
                    assert_eq!(got, expected, "{role:?} {from} -> {to}");
                    allowed_count += usize::from(got);
                }
            }
        }
        assert_eq!(allowed_count, 22);
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(check_move(Clerk, Ready, Ready, ""), Err(MoveRefused::SameStatus));
        assert_eq!(
            check_move(Head, Returned, InProgress, ""),
            Err(MoveRefused::NotAllowed { from: Returned, to: InProgress })
        );
        assert!(matches!(check_move(Clerk, InProgress, Ready, ""), Err(MoveRefused::WrongRole { to: Ready, .. })));
        assert_eq!(check_move(Clerk, Received, Withdrawn, "  "), Err(MoveRefused::ReasonRequired));
        assert_eq!(check_move(Handler, InProgress, Supplement, ""), Err(MoveRefused::ReasonRequired));
    }

    #[test]
    fn pending_and_resolved_partition() {
        for s in Status::ALL {
            assert!(!(s.is_pending() && s.is_resolved()), "{s}");
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert!(Status::parse("done").is_none());
        assert_eq!(next_statuses(Ready), vec![Returned]);
        assert!(next_statuses(Withdrawn).is_empty());
    }
}
