//! A refusal at intake (Mẫu 03, DOMAIN §4): the counter does not accept the dossier at all —
//! not this office's competence, not a matter for an administrative procedure. No code is
//! given and no clock starts (DOMAIN §2 Start), so it is counted nowhere in the report; it is
//! logged on its own (who, when, why) so that the head can see the refusals.

use chrono::NaiveDateTime;

use super::dossier::Channel;

#[derive(Debug, Clone, PartialEq)]
pub struct IntakeRefusal {
    pub id: i64,
    pub at: NaiveDateTime,
    /// The login of the clerk who refused.
    pub actor: String,
    pub procedure_code: String,
    pub procedure_name: String,
    pub applicant_name: String,
    pub applicant_id: String,
    pub phone: String,
    pub address: String,
    pub channel: Channel,
    pub reason: String,
}
