//! The per-edition step: everything one edition says about KEPs, SIGs, its release cycle,
//! patch releases and deadlines. Pure (an [`Edition`] in, [`EditionTags`] out), so a
//! changed edition can be re-read alone and the index re-assembled.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use lwkd_content::{BodyError, Edition, EditionBody, Item, SectionKind};
use lwkd_cycles::{
    announced_deadlines, begun_cycle, deadline_line, is_release_day, merge_repeats, newest_cycle,
    patch_news, read_deadlines, release_announcements, shipped_cycle, versions, Deadline, LineForm,
    Mention, PatchNews, ReleaseAnnouncement, ReleaseCycle, Version,
};
use serde::{Deserialize, Serialize};

use crate::facts::Facts;
use lwkd_groups::SigSlug;
use lwkd_kep_names::{FoundBy, ItemText, KepRef};
use lwkd_kep_refs::{
    find_enhancement_prs, find_keps, former_kep_files, heading_title, sentence_with, sentences,
    KepFound, Markup,
};

/// From this date on, `KEP 3136` in prose is the KEP tracked by issue 3136: before 2020
/// the archive's prose numbers are the old KEP numbering's (`KEP 14`, `KEP 0019`).
const ISSUE_NUMBERED_KEPS: NaiveDate = NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KepMention {
    pub kep: KepRef,
    pub how: FoundBy,
    /// The owning SIG, when the item links the KEP's folder (`keps/sig-node/...`).
    pub sig: Option<SigSlug>,
    /// Its folder in kubernetes/enhancements, when the item links it: `3136-beta-apis-off-by-default`.
    pub folder: Option<String>,
    /// What the item calls the KEP, and where it says so.
    pub title: Option<(TitleSource, String)>,
    #[serde(flatten)]
    pub mention: Mention,
}

/// Where an item gives a KEP's title, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TitleSource {
    /// Its folder's name: `3136-beta-apis-off-by-default`.
    Folder,
    /// The text of a link to its tracking issue: `[544: Custom Resource Definition Versioning](...)`.
    LinkText,
    /// The edition's own heading: `KEP-2876: CRD Validation Expression Language`.
    Heading,
}

/// A pull request in kubernetes/enhancements (`enhancements#3137`): about KEPs, never one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrMention {
    pub number: u32,
    /// The KEPs the same item names.
    pub keps: Vec<KepRef>,
    #[serde(flatten)]
    pub mention: Mention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigMention {
    pub sig: SigSlug,
    #[serde(flatten)]
    pub mention: Mention,
}

/// A patch release named in a Release Schedule section: `1.23.4`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatchRelease {
    pub version: String,
    /// The minor it patches (1.23 for 1.23.4).
    pub cycle: ReleaseCycle,
    /// What the sentence naming it says: out, expected, or neither.
    pub news: PatchNews,
    #[serde(flatten)]
    pub mention: Mention,
}

/// What an edition tells about the release cycle it is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleEvidence {
    /// The newest cycle named in the Release Schedule section, a section heading or a
    /// deadline: what the first edition of an archive starts from.
    pub newest_named: Option<ReleaseCycle>,
    /// The newest cycle a deadline names (`1.25 Cycle Starts`, `1.12 Release`).
    pub deadline_named: Option<ReleaseCycle>,
    /// The newest minor the edition says has shipped (`Kubernetes 1.25 has been released`).
    pub shipped: Option<ReleaseCycle>,
    /// The newest cycle its Release Schedule section says has begun (`We have begun the 1.15
    /// release cycle!`).
    pub begun: Option<ReleaseCycle>,
    /// The date of a release-day deadline (`1.12 Release on Sept. 27th`) and the cycle it names.
    pub release_day: Option<(Option<ReleaseCycle>, NaiveDate)>,
}

/// What one edition says, before it is joined with the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionTags {
    pub url: String,
    pub date: NaiveDate,
    /// One per KEP and item.
    pub keps: Vec<KepMention>,
    pub kep_prs: Vec<PrMention>,
    /// One per group and item.
    pub sigs: Vec<SigMention>,
    /// What the edition tells about its release cycle; the index reads this edition after
    /// edition to give each its [`EditionTags::cycle`].
    pub cycle_evidence: CycleEvidence,
    /// The edition's release cycle, set when the index is assembled.
    pub cycle: Option<ReleaseCycle>,
    pub patch_releases: Vec<PatchRelease>,
    /// Its links to the blog posts announcing a minor release.
    pub release_announcements: Vec<ReleaseAnnouncement>,
    pub deadlines: Vec<Deadline>,
}

/// The KEPs the heading above an item names: by number or link (in a KEP of the Week
/// section, any item above it too), which the items under it are about; and by gate or name.
#[derive(Default)]
struct HeadingKeps {
    numbered: Vec<KepRef>,
    named: Vec<KepRef>,
}

impl EditionTags {
    /// What `edition` says, its Markdown read again from its file.
    pub fn read(edition: &Edition, facts: &Facts) -> Result<EditionTags, BodyError> {
        Ok(EditionTags::extract(edition, &edition.read_body()?, facts))
    }

    /// What `edition` (of Markdown `body`) says, read with the upstream `facts` (empty for
    /// the archive alone): they give the feature gates and names KEPs are known by.
    pub fn extract(edition: &Edition, body: &EditionBody, facts: &Facts) -> EditionTags {
        let mut tags = EditionTags {
            url: edition.url.clone(),
            date: edition.date,
            keps: Vec::new(),
            kep_prs: Vec::new(),
            sigs: Vec::new(),
            cycle_evidence: CycleEvidence::default(),
            cycle: None,
            patch_releases: Vec::new(),
            release_announcements: Vec::new(),
            deadlines: Vec::new(),
        };
        let url: Arc<str> = edition.url.as_str().into();
        let mut schedule = ScheduleReading::default();
        for section in &edition.sections {
            if let Some(heading) = &section.heading {
                push_line(&mut schedule.cycles_named, &heading.text);
                push_line(&mut schedule.shipped, &heading.text);
            }
            let mut heading_keps = HeadingKeps::default();
            let news = matches!(
                section.kind,
                SectionKind::ReleaseSchedule | SectionKind::DeveloperNews | SectionKind::Preamble
            );
            for item in &section.items {
                let markdown = body.markdown_of(item);
                let mention = |text: String| Mention {
                    edition: Arc::clone(&url),
                    edition_date: edition.date,
                    section: section.kind,
                    anchor: item.anchor.clone(),
                    line: item.line as usize,
                    text: text.into(),
                };
                tags.read_item(
                    item,
                    markdown,
                    section.kind,
                    facts,
                    &mut heading_keps,
                    &mention,
                );
                tags.release_announcements
                    .extend(release_announcements(markdown));
                let in_schedule = section.kind == SectionKind::ReleaseSchedule;
                if in_schedule {
                    push_line(&mut schedule.cycles_named, markdown);
                    push_line(&mut schedule.begun, &item.text);
                    tags.read_patch_releases(item, markdown, &mention);
                }
                let lined = schedule.read_deadline_lines(markdown, edition.date, &mention);
                // A deadline line names releases still to come (`1.29 Released, December 13`).
                if news && !lined {
                    push_line(&mut schedule.shipped, &item.text);
                }
                if in_schedule && !lined {
                    schedule.read_announced(markdown, edition.date, &mention);
                }
            }
        }
        // Editions that have the labelled line sometimes repeat it as prose below.
        let mut deadlines = if schedule.labelled.is_empty() {
            schedule.prose
        } else {
            schedule.labelled
        };
        tags.cycle_evidence = CycleEvidence {
            newest_named: newest_cycle(&schedule.cycles_named),
            deadline_named: deadlines.iter().filter_map(|d| d.release).max(),
            shipped: shipped_cycle(&schedule.shipped),
            begun: begun_cycle(&schedule.begun),
            release_day: (deadlines.iter())
                .find(|d| is_release_day(&d.name))
                .and_then(|d| Some((d.release, d.date?))),
        };
        // Read after the evidence: prose says more in passing than a deadline line does.
        deadlines.extend(schedule.announced);
        tags.deadlines = merge_repeats(deadlines);
        tags
    }

    /// Reads one item under the heading that named `heading_keps`.
    fn read_item(
        &mut self,
        item: &Item,
        markdown: &str,
        section: SectionKind,
        facts: &Facts,
        heading_keps: &mut HeadingKeps,
        mention: &dyn Fn(String) -> Mention,
    ) {
        let markup = Markup::new(markdown);
        let context = |needle: &str| {
            if item.is_heading {
                item.text.to_string()
            } else {
                sentence_with(&item.text, needle)
            }
        };
        let mut keps = find_keps(&markup, self.date >= ISSUE_NUMBERED_KEPS);
        for (sig, name) in former_kep_files(&markup) {
            let Some(kep) = facts.kep_catalog().by_former_file(name) else {
                continue;
            };
            if !keps.iter().any(|f| f.kep == kep) {
                keps.push(KepFound {
                    kep,
                    how: FoundBy::Link,
                    sig,
                    folder: None,
                    link_title: None,
                });
            }
        }
        for found in &keps {
            let heading = if item.is_heading {
                heading_title(&item.text, found.kep)
            } else {
                None
            };
            let title = heading.map(|t| (TitleSource::Heading, t));
            let title = title.or_else(|| Some((TitleSource::LinkText, found.link_title.clone()?)));
            self.keps.push(KepMention {
                kep: found.kep,
                how: found.how,
                sig: found.sig.clone(),
                title: title.or_else(|| Some((TitleSource::Folder, found.folder_title()?))),
                folder: found.folder.clone(),
                mention: mention(context(&found.kep.0.to_string())),
            });
        }
        if item.is_heading {
            heading_keps.numbered = keps.iter().map(|f| f.kep).collect();
            heading_keps.named.clear();
        } else if section == SectionKind::KepOfTheWeek {
            // The week's KEP is often named in a paragraph of its own above its description.
            heading_keps.numbered.extend(keps.iter().map(|f| f.kep));
        }
        let known: Vec<KepRef> = keps
            .iter()
            .map(|f| f.kep)
            .chain(heading_keps.numbered.iter().copied())
            .collect();
        // The item is about the KEPs it numbers when it is under their heading or short (a
        // line, a sentence or two). A paragraph of several sentences that links one KEP in
        // one of them (a community meeting's summary) goes on to others, by name.
        let about_known = !known.is_empty()
            && (!heading_keps.numbered.is_empty() || sentences(&markup.prose).count() < 3);
        let text = ItemText {
            prose: &markup.prose,
            section,
            known: &known,
            about_known,
            heading_named: &heading_keps.named,
            dated: self.date,
        };
        let named_keps = facts.kep_catalog().find(&text);
        if item.is_heading {
            heading_keps.named = named_keps.iter().map(|n| n.kep).collect();
        }
        for named in named_keps {
            self.keps.push(KepMention {
                kep: named.kep,
                how: named.how,
                sig: None,
                title: None,
                folder: None,
                mention: mention(context(&named.words)),
            });
        }
        for number in find_enhancement_prs(&markup) {
            self.kep_prs.push(PrMention {
                number,
                keps: keps.iter().map(|f| f.kep).collect(),
                mention: mention(context(&number.to_string())),
            });
        }
        let table = facts.group_table();
        let mut seen = BTreeSet::new();
        let in_prose = table
            .find_in_prose(&markup.prose)
            .into_iter()
            .map(|(range, sig)| (sig, markup.prose[range].to_string()));
        let in_urls = markup
            .urls
            .iter()
            .filter_map(|url| table.find_in_url(url))
            .map(|sig| (sig, String::new()));
        for (sig, needle) in in_prose.chain(in_urls) {
            if seen.insert(sig.clone()) {
                self.sigs.push(SigMention {
                    sig,
                    mention: mention(context(&needle)),
                });
            }
        }
    }

    fn read_patch_releases(
        &mut self,
        item: &Item,
        markdown: &str,
        mention: &dyn Fn(String) -> Mention,
    ) {
        for version in versions(markdown) {
            if let Version::Patch(cycle, patch) = version {
                let name = format!("{cycle}.{patch}");
                if !self.patch_releases.iter().any(|p| p.version == name) {
                    let text = sentence_with(&item.text, &name);
                    self.patch_releases.push(PatchRelease {
                        version: name,
                        cycle,
                        news: patch_news(&text, self.date),
                        mention: mention(text),
                    });
                }
            }
        }
    }

    /// The KEPs this edition names, each once, in number order.
    pub fn kep_refs(&self) -> Vec<KepRef> {
        let refs: BTreeSet<KepRef> = self.keps.iter().map(|k| k.kep).collect();
        refs.into_iter().collect()
    }

    /// The SIGs and working groups this edition names, each once, by slug.
    pub fn sig_slugs(&self) -> Vec<SigSlug> {
        let slugs: BTreeSet<SigSlug> = self.sigs.iter().map(|s| s.sig.clone()).collect();
        slugs.into_iter().collect()
    }
}

/// What an edition's items say of its cycle and deadlines, gathered as they are read.
#[derive(Default)]
struct ScheduleReading {
    /// Where cycles are named: headings, the Release Schedule's items, deadlines' names.
    cycles_named: String,
    /// The news of what shipped: headings and the news sections' items.
    shipped: String,
    /// The Release Schedule's items, which say when a cycle has begun.
    begun: String,
    /// The deadlines of `Next Deadline:` lines, and of deadline lines in prose.
    labelled: Vec<Deadline>,
    prose: Vec<Deadline>,
    /// The deadlines the Release Schedule's sentences announce in passing.
    announced: Vec<Deadline>,
}

impl ScheduleReading {
    /// Reads the deadline lines of an item's `markdown`, and says whether it has one.
    fn read_deadline_lines(
        &mut self,
        markdown: &str,
        edition_date: NaiveDate,
        mention: &impl Fn(String) -> Mention,
    ) -> bool {
        let before = self.labelled.len() + self.prose.len();
        for (offset, line) in markdown.lines().enumerate() {
            let Some((form, rest)) = deadline_line(line) else {
                continue;
            };
            for (name, date) in read_deadlines(rest, edition_date) {
                push_line(&mut self.cycles_named, &name);
                let mut mention = mention(line.trim().to_string());
                mention.line += offset;
                let deadline = Deadline::announced(name, date, mention);
                match form {
                    LineForm::Labelled => self.labelled.push(deadline),
                    LineForm::Prose => self.prose.push(deadline),
                }
            }
        }
        self.labelled.len() + self.prose.len() > before
    }

    /// Reads the deadlines the sentences of a Release Schedule item's `markdown` announce.
    fn read_announced(
        &mut self,
        markdown: &str,
        edition_date: NaiveDate,
        mention: &impl Fn(String) -> Mention,
    ) {
        for announced in announced_deadlines(markdown, edition_date) {
            let lines_before = markdown[..announced.offset].matches('\n').count();
            let text: Arc<str> = announced.sentence.into();
            for (name, date) in announced.deadlines {
                let mut mention = mention(String::new());
                mention.line += lines_before;
                mention.text = Arc::clone(&text);
                (self.announced).push(Deadline::announced(name, Some(date), mention));
            }
        }
    }
}

/// Appends `text` to `buffer` as a line of its own.
fn push_line(buffer: &mut String, text: &str) {
    buffer.push_str(text);
    buffer.push('\n');
}
