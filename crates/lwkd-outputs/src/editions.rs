use std::collections::BTreeSet;

use lwkd_taxonomy::{EditionTags, KepRef, Taxonomy};
use rayon::prelude::*;
use serde::Serialize;

use lwkd_cache::hash_serialized;
use lwkd_content::Edition;
use lwkd_render::crosslinks::{link_mentions, link_next_deadline, LinkTargets, SigTargets};
use lwkd_render::paths::{canonical_url, kep_path, release_path, sig_path};
use lwkd_render::site_paths::prefix_site_paths;
use lwkd_render::view::{EditionLink, EditionView, SiteView};
use lwkd_render::{BuildError, Site};
use lwkd_render::{Renderer, Scope, Sink};

/// The chips at the top of an edition: its release cycle, KEPs and SIGs, each linking to
/// its page.
#[derive(Serialize)]
struct EditionChips {
    release: Option<Chip>,
    keps: Vec<Chip>,
    sigs: Vec<Chip>,
}

#[derive(Serialize)]
struct Chip {
    label: String,
    url: String,
}

impl EditionChips {
    fn new(tags: &EditionTags, taxonomy: &Taxonomy) -> Self {
        let facts = taxonomy.facts();
        // A KEP chip names what the number stands for: `KEP-3136 · Beta APIs Are Off by Default`.
        let kep_label = |k: KepRef| match taxonomy.keps.get(&k).and_then(|kep| kep.title.as_deref())
        {
            Some(title) => format!("{k} · {title}"),
            None => k.to_string(),
        };
        EditionChips {
            release: tags.cycle.map(|c| Chip {
                label: format!("Kubernetes {c}"),
                url: release_path(c),
            }),
            keps: tags
                .kep_refs()
                .into_iter()
                .map(|k| Chip {
                    label: kep_label(k),
                    url: kep_path(k),
                })
                .collect(),
            sigs: tags
                .sig_slugs()
                .iter()
                .map(|s| Chip {
                    label: facts.group_name(s).to_string(),
                    url: sig_path(s),
                })
                .collect(),
        }
    }
}

/// One page per edition, at its permalink: the edition's text with its mentions linked, its
/// taxonomy chips and its neighbours.
pub struct EditionPages;

/// What the page of one edition is made of, with the [`SharedInputs`] of every edition page
/// (and the theme and base path, which the page cache keys on): [`EditionPage::render`]
/// reads nothing else, and the page's key is these inputs, serialized.
#[derive(Serialize)]
struct EditionPage<'a> {
    /// Named in the key by `content` and `source`.
    #[serde(skip)]
    edition: &'a Edition,
    /// The edition's digest ([`Site::edition_digest`]), hex.
    content: String,
    /// Its Markdown file, relative to the content directory, as the page shows it.
    source: String,
    tags: Option<EditionChips>,
    /// The KEPs its text names that have pages: those are linked.
    linked_keps: BTreeSet<KepRef>,
    /// The page of the cycle its "Next Deadline" belongs to.
    deadline_cycle: Option<String>,
    previous: Option<Neighbour<'a>>,
    next: Option<Neighbour<'a>>,
}

/// An edition next to another, whose page links to it: named in the key by what an
/// [`EditionLink`] is made of (title, URL, date), and made into one only on a render.
struct Neighbour<'a>(&'a Edition);

impl Serialize for Neighbour<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.0.title, &self.0.url, self.0.date).serialize(serializer)
    }
}

impl<'a> EditionPage<'a> {
    fn new(site: &'a Site, i: usize) -> Result<Self, BuildError> {
        let editions = &site.content.editions;
        let edition = &editions[i];
        Ok(EditionPage {
            edition,
            content: site.edition_digest(edition).to_hex().to_string(),
            source: site.source_path(edition),
            tags: site
                .taxonomy
                .edition(i)
                .map(|t| EditionChips::new(t, &site.taxonomy)),
            linked_keps: site
                .edition_keps(edition)?
                .iter()
                .filter(|k| site.taxonomy.keps.contains_key(k))
                .copied()
                .collect(),
            deadline_cycle: site.taxonomy.edition(i).and_then(|t| {
                t.deadlines
                    .iter()
                    .find_map(|d| d.release)
                    .or(t.cycle)
                    .filter(|c| site.taxonomy.releases.contains_key(c))
                    .map(|c| canonical_url(&release_path(c)))
            }),
            previous: i.checked_sub(1).map(|p| Neighbour(&editions[p])),
            next: editions.get(i + 1).map(Neighbour),
        })
    }

    /// The page: the edition's HTML with site paths under the base path and mentions linked.
    fn render(&self, site: &Site, shared: &SharedInputs<'_>) -> Result<String, BuildError> {
        let base = shared.site.base_path.as_str();
        let html = prefix_site_paths(&site.body(self.edition)?.html(), base.trim_end_matches('/'))?;
        // After the base path went in: the mention links carry it already.
        let links = LinkTargets {
            keps: self.linked_keps.clone(),
            sigs: &shared.sigs,
        };
        let html = link_mentions(&html, &links, base);
        let html = match &self.deadline_cycle {
            Some(path) => {
                link_next_deadline(&html, &format!("{}{path}", base.trim_end_matches('/')))
            }
            None => html,
        };
        let mut context = shared.site.context(&self.edition.title);
        context.insert(
            "edition",
            &EditionView {
                html: &html,
                ..EditionView::new(self.edition, self.source.clone())
            },
        );
        context.insert("tags", &self.tags);
        let link = |n: &Option<Neighbour<'a>>| n.as_ref().map(|n| EditionLink::new(n.0));
        context.insert("previous", &link(&self.previous));
        context.insert("next", &link(&self.next));
        site.theme.render("edition.html", &context)
    }

    /// Hands `sink` the page at `path` through [`Site::keyed_page`]: it is made of these
    /// inputs and `shared`, whose digest is `shared_digest`.
    fn render_keyed(
        self,
        site: &Site,
        sink: &dyn Sink,
        path: &str,
        shared: &SharedInputs<'_>,
        shared_digest: &blake3::Hash,
    ) -> Result<(), BuildError> {
        let inputs = |key: &mut blake3::Hasher| {
            key.update(shared_digest.as_bytes());
            hash_serialized(key, &self);
        };
        site.keyed_page(sink, path, "edition.html", inputs, || {
            self.render(site, shared).map(String::into_bytes)
        })
    }
}

/// What every edition page is made of besides its [`EditionPage`]: the site's settings and
/// what SIG names in the text link to. Hashed once per build, ahead of each page's inputs.
#[derive(Serialize)]
struct SharedInputs<'a> {
    site: &'a SiteView,
    sigs: SigTargets<'a>,
}

impl<'a> SharedInputs<'a> {
    fn new(site: &'a Site) -> Self {
        SharedInputs {
            site: site.view(),
            sigs: SigTargets::new(&site.taxonomy),
        }
    }

    fn digest(&self) -> blake3::Hash {
        let mut digest = blake3::Hasher::new();
        hash_serialized(&mut digest, self);
        digest.finalize()
    }
}

impl Renderer for EditionPages {
    fn name(&self) -> &'static str {
        "editions"
    }

    /// Every page, each made only when its inputs changed: in a full build, the others
    /// come from the page cache; under [`Scope::Changed`], the sink holds them.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        let editions = &site.content.editions;
        let path = |e: &Edition| e.url.trim_start_matches('/').to_string();
        if scope == Scope::Changed {
            sink.paths(editions.iter().map(path).collect());
        }
        let shared = SharedInputs::new(site);
        let shared_digest = shared.digest();
        (0..editions.len()).into_par_iter().try_for_each(|i| {
            EditionPage::new(site, i)?.render_keyed(
                site,
                sink,
                &path(&editions[i]),
                &shared,
                &shared_digest,
            )
        })
    }
}
