//! `sigs.yaml` of a kubernetes/community checkout: every SIG, working group, committee and
//! user group, read into [`GroupFacts`].

use std::path::Path;

use serde_yaml_ng::Value;

use crate::yaml::text;
use crate::{GroupFacts, GroupKind, Meeting, Person, Warning};

/// The lists of `sigs.yaml` and the kind of group each holds.
const LISTS: [(&str, GroupKind); 4] = [
    ("sigs", GroupKind::Sig),
    ("workinggroups", GroupKind::WorkingGroup),
    ("committees", GroupKind::Committee),
    ("usergroups", GroupKind::UserGroup),
];

/// Every group in `community/sigs.yaml`, by `dir`. A missing file is no groups and no
/// warning; one that does not parse is a warning and no groups.
pub fn read_groups(community: &Path) -> (Vec<GroupFacts>, Vec<Warning>) {
    let path = community.join("sigs.yaml");
    match std::fs::read(&path) {
        Ok(bytes) => match parse_groups(&path, &bytes) {
            Ok(groups) => (groups, Vec::new()),
            Err(w) => (Vec::new(), vec![w]),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
        Err(e) => (
            Vec::new(),
            vec![Warning {
                path,
                line: 1,
                message: format!("cannot read: {e}"),
            }],
        ),
    }
}

/// The groups of one `sigs.yaml` (read from `path`), by `dir`; a group without a `dir` is left out.
pub(crate) fn parse_groups(path: &Path, bytes: &[u8]) -> Result<Vec<GroupFacts>, Warning> {
    let yaml = crate::yaml::parse(
        path,
        bytes,
        "groups are recognised from the built-in alias table alone",
    )?;
    let mut groups: Vec<GroupFacts> = LISTS
        .iter()
        .flat_map(|(list, kind)| {
            yaml.get(list)
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(|g| group(g, *kind))
        })
        .collect();
    groups.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(groups)
}

fn group(g: &Value, kind: GroupKind) -> Option<GroupFacts> {
    let dir = text(g.get("dir"))?;
    let leaders = |role: &str| people(g.get("leadership").and_then(|l| l.get(role)));
    let contact = |field: &str| text(g.get("contact").and_then(|c| c.get(field)));
    Some(GroupFacts {
        name: text(g.get("name")).unwrap_or_else(|| dir.clone()),
        kind,
        mission: text(g.get("mission_statement")),
        chairs: leaders("chairs"),
        tech_leads: leaders("tech_leads"),
        slack: contact("slack").map(|s| s.trim_start_matches('#').to_string()),
        mailing_list: contact("mailing_list"),
        meetings: g
            .get("meetings")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .map(meeting)
            .collect(),
        subprojects: g
            .get("subprojects")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(|s| text(s.get("name")))
            .collect(),
        dir,
    })
}

fn people(list: Option<&Value>) -> Vec<Person> {
    let Some(list) = list.and_then(Value::as_sequence) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|p| {
            Some(Person {
                github: text(p.get("github"))?,
                name: text(p.get("name")),
            })
        })
        .collect()
}

/// `Tuesday 9:00 PT (Pacific Time), biweekly` from `day`, `time`, `tz` and `frequency`.
fn meeting(m: &Value) -> Meeting {
    let field = |f: &str| text(m.get(f));
    let at = [field("day"), field("time"), field("tz")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let when = [Some(at).filter(|a| !a.is_empty()), field("frequency")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    Meeting {
        description: field("description").unwrap_or_default(),
        when,
        url: field("url"),
    }
}
