//! Cross-check rules (X): what a report says against its own tables, and against the other
//! reports checked with it (spec §7.4). One file per rule; one line per rule below.

use super::{Context, Rule, Sink};
use crate::peers::{Peer, PeerSet};

mod x05_cross_year_carry;
mod x07_same_as_last_year;

pub const RULES: &[Rule] = &[x05_cross_year_carry::RULE, x07_same_as_last_year::RULE];

/// A rule that compares a report's summary with the others checked with it.
pub type PeerCheck = fn(&Peer, &PeerSet, &mut Sink);

/// The rules that compare a report with the others checked with it, with their checks on
/// summaries: a face that has every report's [`Peer`] runs these without reading the reports
/// again; one with the report at hand runs the rule's ordinary check, which builds the summary.
pub const PEER_RULES: &[(&Rule, PeerCheck)] = &[
    (
        &x05_cross_year_carry::RULE,
        x05_cross_year_carry::check_peer,
    ),
    (
        &x07_same_as_last_year::RULE,
        x07_same_as_last_year::check_peer,
    ),
];

/// Runs a peer check from a rule's ordinary check: silent when the report is checked alone or
/// cannot be matched (no agency or year).
fn with_peers(ctx: &Context, sink: &mut Sink, check: PeerCheck) {
    let Some(peers) = ctx.peers else {
        return;
    };
    if let Some(me) = Peer::of(ctx.path.unwrap_or_default(), ctx.report) {
        check(&me, peers, sink);
    }
}
