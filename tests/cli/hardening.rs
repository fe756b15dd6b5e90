//! Issue 19: no edition, flag or cache entry can write outside the site, lose a source,
//! publish a secret or crash a build. Each module reproduces one break the issue lists,
//! on a scratch copy of the sample site and the real `lwkd` binary.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::serve::{Events, Served};
use crate::common::*;

/// A scratch site with the sample's theme and a few real editions in `content/`.
fn sample_site() -> tempfile::TempDir {
    scratch_site_with(&[
        "2022-02-06-update.md",
        "2018-01-14-update.md",
        "2024-04-14-update.md",
    ])
}

fn set_in_site_toml(site: &Path, key: &str, value: &str) {
    let path = site.join("site.toml");
    let text: String = read(&path)
        .lines()
        .filter(|l| !l.starts_with(&format!("{key} =")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, format!("{key} = {value}\n{text}")).unwrap();
}

/// Every file and folder below `dir`, relative to it.
fn entries_below(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    all.sort();
    all
}

/// Break 1: a `slug` with `..` (or `/`, `\`, an absolute form, a control character) wrote
/// outside the output folder and deleted what was there.
mod slug_traversal {
    use super::*;

    #[test]
    fn a_slug_that_leaves_its_folder_is_an_error_for_that_edition_only() {
        let site = sample_site();
        let root = site.path();
        set_in_site_toml(root, "permalink", "\"/:year/:slug\"");
        let victim = root.join("victim.d");
        std::fs::create_dir(&victim).unwrap();
        std::fs::write(victim.join("keep.txt"), "mine").unwrap();
        let slugs = [
            ("2023-01-01-a.md", "../../victim.d"),
            ("2023-01-08-b.md", "/tmp/abs"),
            ("2023-01-15-c.md", "a\\\\..\\\\b"),
            ("2023-01-22-d.md", "x\\u0007y"),
            ("2023-01-29-e.md", "a/b"),
        ];
        for (name, slug) in slugs {
            std::fs::write(
                root.join("content").join(name),
                format!("---\ntitle: T\nslug: \"{slug}\"\n---\n\n## News\n\nText.\n"),
            )
            .unwrap();
        }
        let outside_before = entries_below(root)
            .into_iter()
            .filter(|p| !p.starts_with("public") && !p.starts_with(".lwkd-cache"))
            .collect::<Vec<_>>();
        for _ in 0..2 {
            let o = run(root, &["build"]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{err}");
            for (name, _) in slugs {
                assert!(
                    err.contains(&format!("{name}:3: error:"))
                        && err.lines().any(|l| l.contains(name) && l.contains("slug")),
                    "{name} named with its slug line: {err}"
                );
            }
            assert_eq!(read(victim.join("keep.txt")), "mine");
            let outside = entries_below(root)
                .into_iter()
                .filter(|p| !p.starts_with("public") && !p.starts_with(".lwkd-cache"))
                .collect::<Vec<_>>();
            assert_eq!(
                outside, outside_before,
                "nothing written or deleted outside the output"
            );
            assert!(
                root.join("public/2022/2022-02-06-update.html").is_file(),
                "the other editions built: {:?}",
                entries_below(&root.join("public"))
            );
        }
    }
}

/// Break 2: `--out` replaced whatever it was given: the content, the project, the config.
mod out_safety {
    use super::*;

    /// Builds with `--out out` in `root`; returns the exit code and stderr.
    fn build_into(root: &Path, out: &str) -> (Option<i32>, String) {
        let o = run(root, &["build", "--out", out]);
        (o.status.code(), stderr(&o))
    }

    #[test]
    fn an_output_that_is_or_holds_a_source_or_is_not_lwkds_is_refused() {
        let site = sample_site();
        let root = site.path();
        std::fs::create_dir(root.join("notes")).unwrap();
        std::fs::write(root.join("notes/todo.txt"), "mine").unwrap();
        let before = files_below(root);
        let absolute_root = root.to_str().unwrap().to_string();
        for out in [
            "content",
            ".",
            "..",
            "/",
            &absolute_root,
            "site.toml",
            "themes",
            "themes/default",
            "static",
            "content/public",
            "notes",
        ] {
            for _ in 0..2 {
                let (code, err) = build_into(root, out);
                assert_eq!(code, Some(2), "--out {out}: {err}");
                assert!(err.contains("--out"), "--out {out}: says what to do: {err}");
            }
            assert!(
                files_below(root) == before,
                "--out {out} changed the site's files"
            );
            assert!(
                !root.join(".lwkd-cache").exists(),
                "--out {out} left a cache"
            );
        }
    }

    #[test]
    fn a_new_or_empty_folder_is_taken_and_then_rebuilt() {
        let site = sample_site();
        let root = site.path();
        std::fs::create_dir(root.join("empty")).unwrap();
        for out in ["public", "empty", "deeper/site"] {
            for _ in 0..2 {
                let (code, err) = build_into(root, out);
                assert_eq!(code, Some(0), "--out {out}: {err}");
                assert!(root.join(out).join("index.html").is_file());
            }
        }
    }
}

/// Breaks 3 and 4: links were followed out of the content folder (publishing the build's
/// environment, or a whole folder), and one bad entry stopped the build.
mod walking {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_content_are_not_followed_and_bad_entries_are_errors_for_themselves() {
        let site = sample_site();
        let root = site.path();
        let content = root.join("content");
        let secret = root.join("secret");
        std::fs::create_dir(&secret).unwrap();
        std::fs::write(secret.join("key.txt"), "SECRET-KEY-BYTES").unwrap();
        std::fs::write(
            root.join("secret.md"),
            "---\ntitle: SECRET-TITLE\n---\n\nSECRET-BODY\n",
        )
        .unwrap();
        symlink("/proc/self/environ", content.join("2024-05-05-e.md")).unwrap();
        symlink(root.join("secret.md"), content.join("2024-05-12-f.md")).unwrap();
        symlink(&secret, content.join("keys")).unwrap();
        // An editor's lock file: hidden, and a dangling link.
        symlink(
            "user@host.1234:1700000000",
            content.join(".#2024-04-14-update.md"),
        )
        .unwrap();
        symlink(root.join("nowhere"), content.join("broken.png")).unwrap();
        // Links within the content are followed.
        std::fs::create_dir(content.join("pics")).unwrap();
        std::fs::write(content.join("pics/chart.png"), "png").unwrap();
        symlink(content.join("pics"), content.join("pics-too")).unwrap();
        symlink(
            content.join("2024-04-14-update.md"),
            content.join("2024-06-30-update.md"),
        )
        .unwrap();
        let o = lwkd()
            .current_dir(root)
            .env("LWKD_TEST_SECRET", "ENV-SECRET-VALUE")
            .arg("build")
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        for name in ["2024-05-05-e.md", "2024-05-12-f.md", "keys", "broken.png"] {
            assert!(
                err.lines()
                    .any(|l| l.contains(&format!("content/{name}")) && l.contains("error")),
                "{name} reported: {err}"
            );
        }
        assert!(
            !err.contains(".#2024-04-14-update.md"),
            "hidden entries are skipped: {err}"
        );
        let out = root.join("public");
        for (path, bytes) in files_below(&out) {
            let text = String::from_utf8_lossy(&bytes);
            for secret in ["SECRET-", "ENV-SECRET-VALUE", "LWKD_TEST_SECRET"] {
                assert!(!text.contains(secret), "{path} publishes {secret}");
            }
        }
        assert!(!out.join("keys").exists());
        assert!(
            out.join("2022/20220209.html").is_file(),
            "the other editions built"
        );
        assert_eq!(
            read(out.join("pics-too/chart.png")),
            "png",
            "a link within the content is followed"
        );
    }

    #[test]
    fn a_jekyll_roots_hidden_underscored_and_excluded_entries_are_skipped() {
        let site = scratch_site();
        let root = site.path();
        let jekyll = root.join("jekyll");
        std::fs::create_dir_all(jekyll.join("_posts")).unwrap();
        std::fs::copy(
            archive().join("_posts/2022-02-06-update.md"),
            jekyll.join("_posts/2022-02-06-update.md"),
        )
        .unwrap();
        std::fs::create_dir_all(jekyll.join("vendor/bundle")).unwrap();
        symlink("/x", jekyll.join("vendor/bundle/g")).unwrap();
        std::fs::create_dir_all(jekyll.join("node_modules/m")).unwrap();
        symlink("/x", jekyll.join("node_modules/m/dangling")).unwrap();
        symlink("/x", jekyll.join("_drafts")).unwrap();
        std::fs::write(jekyll.join("Gemfile"), "source 'https://rubygems.org'\n").unwrap();
        std::fs::write(jekyll.join("CNAME"), "example.org\n").unwrap();
        let o = run(root, &["build", "--content", "jekyll"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = root.join("public");
        assert!(out.join("2022/20220209.html").is_file() && out.join("CNAME").is_file());
        assert!(
            !out.join("Gemfile").exists()
                && !out.join("vendor").exists()
                && !out.join("node_modules").exists()
        );
    }
}

/// Break 5: one changed byte in `.lwkd-cache/editions.bin` panicked every build; one in
/// `pages.bin` silently changed a page.
mod cache {
    use super::*;

    fn flip_last_byte(path: &Path) {
        let mut bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        *bytes.last_mut().unwrap() ^= 0x20;
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn a_damaged_entry_is_made_again_with_one_warning() {
        for file in ["editions.bin", "pages.bin"] {
            let site = sample_site();
            let root = site.path();
            let o = run(root, &["build"]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let built = files_below(&root.join("public"));
            flip_last_byte(&root.join(".lwkd-cache").join(file));
            let o = run(root, &["build"]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(0), "{file}: {err}");
            let warnings: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
            assert!(
                warnings.len() == 1 && warnings[0].contains("warning"),
                "{file}: one warning: {err}"
            );
            assert!(
                files_below(&root.join("public")) == built,
                "{file}: the output is the one a sound cache gives"
            );
            let o = run(root, &["build"]);
            assert!(
                !stderr(&o).contains(file),
                "the damaged entry was replaced: {}",
                stderr(&o)
            );
        }
    }
}

/// Break 7: a self-including template overflowed the stack (exit 134), and `serve` died.
mod template_recursion {
    use super::*;

    /// Every edition page includes a partial that includes itself, without end.
    fn include_itself(root: &Path) {
        let templates = root.join("themes/default/templates");
        std::fs::write(
            templates.join("note.html"),
            "<p>note</p>{% include \"note.html\" %}\n",
        )
        .unwrap();
        let path = templates.join("edition.html");
        std::fs::write(
            &path,
            read(&path).replacen(
                "{% block main %}",
                "{% block main %}{% include \"note.html\" %}",
                1,
            ),
        )
        .unwrap();
    }

    #[test]
    fn a_template_that_includes_itself_is_a_template_error() {
        let site = sample_site();
        let root = site.path();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
        let before = files_below(&root.join("public"));
        include_itself(root);
        let o = run(root, &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("note.html: ") && err.contains("note.html -> note.html"),
            "{err}"
        );
        assert!(
            files_below(&root.join("public")) == before,
            "the previous output stays"
        );
    }

    #[test]
    fn serve_survives_it_and_builds_again_once_it_is_fixed() {
        let site = sample_site();
        let root = site.path();
        let served = Served::start(root, &[]);
        let mut events = Events::open(&served.addr);
        events.next();
        let template = root.join("themes/default/templates/edition.html");
        let good = read(&template);
        include_itself(root);
        let e = events.next();
        assert!(
            e["errors"].to_string().contains("note.html -> note.html"),
            "{e}"
        );
        assert_eq!(
            served.get("/2022/20220209").status,
            200,
            "still serving the last good build"
        );
        std::fs::write(&template, &good).unwrap();
        std::fs::remove_file(root.join("themes/default/templates/note.html")).unwrap();
        let e = events.next();
        assert_eq!(e["errors"], serde_json::json!([]), "{e}");
        assert_eq!(served.get("/2022/20220209").status, 200);
    }
}

/// Breaks 8 and 11: the server stopped listening for good once it ran out of file
/// descriptors (tiny_http's accept thread panicked), took any number of live-reload
/// streams, and read request heads of any size.
mod server_limits {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::process::{Child, Stdio};

    /// `lwkd serve --port 0` in `root` under `ulimit -n fds`; the child and its address.
    fn serve_with_fds(root: &Path, fds: u32) -> (Child, String) {
        let script = format!("ulimit -n {fds} && exec \"$0\" serve --port 0");
        let mut child = std::process::Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_lwkd")])
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("{line}"));
        (
            child,
            url.trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string(),
        )
    }

    /// The status of a raw request, sent as written.
    fn status_of(addr: &str, raw: &[u8]) -> u16 {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let _ = stream.write_all(raw);
        let mut head = [0; 12];
        stream
            .read_exact(&mut head)
            .unwrap_or_else(|e| panic!("no answer: {e}"));
        std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
    }

    fn get(addr: &str, target: &str) -> u16 {
        status_of(
            addr,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }

    #[test]
    fn the_server_listens_again_after_running_out_of_file_descriptors() {
        let site = sample_site();
        let (mut child, addr) = serve_with_fds(site.path(), 128);
        assert_eq!(get(&addr, "/"), 200);
        // More connections than the server has descriptors for, all held open: until one is
        // not taken within a second, when the server is out of descriptors and the kernel's
        // queue of connections waiting for it is full. (A connection past that would wait
        // for the server to drop a held one, 10 s on, and for the client's retried SYN.)
        let addr_ip: std::net::SocketAddr = addr.parse().unwrap();
        let held: Vec<TcpStream> = (0..300)
            .map_while(|_| TcpStream::connect_timeout(&addr_ip, Duration::from_secs(1)).ok())
            .collect();
        assert!(held.len() > 128, "connections were made: {}", held.len());
        drop(held);
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let mut answered = false;
        while !answered && std::time::Instant::now() < deadline {
            answered =
                std::panic::catch_unwind(|| get(&addr, "/2022/20220209")).is_ok_and(|s| s == 200);
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(child.try_wait().unwrap().is_none(), "the server is running");
        assert!(
            answered,
            "the server answers again once descriptors are free"
        );
        let _ = child.kill();
        let _ = child.wait();
    }

    #[test]
    fn live_reload_streams_are_capped_and_request_heads_limited() {
        let site = sample_site();
        let served = Served::start(site.path(), &[]);
        let streams: Vec<Events> = (0..64).map(|_| Events::open(&served.addr)).collect();
        assert_eq!(
            get(&served.addr, "/__lwkd/events"),
            503,
            "one stream too many"
        );
        drop(streams);
        let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000));
        assert_eq!(status_of(&served.addr, long_line.as_bytes()), 414);
        // Eight clients each sending 50 MB of headers are refused after the first 32 KiB.
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    let mut stream = TcpStream::connect(&served.addr).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(20)))
                        .unwrap();
                    stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
                    let header = format!("X-Big: {}\r\n", "b".repeat(1000));
                    let mut sent = 0;
                    while sent < 50_000_000 && stream.write_all(header.as_bytes()).is_ok() {
                        sent += header.len();
                    }
                    let mut head = [0; 12];
                    stream.read_exact(&mut head).unwrap();
                    assert_eq!(&head[9..12], b"431", "after {sent} bytes");
                    assert!(sent < 10_000_000, "refused early, after {sent} bytes");
                });
            }
        });
        let mut many = String::from("GET / HTTP/1.1\r\n");
        for i in 0..200 {
            many.push_str(&format!("X-{i}: 1\r\n"));
        }
        many.push_str("\r\n");
        assert_eq!(status_of(&served.addr, many.as_bytes()), 431);
        assert_eq!(get(&served.addr, "/"), 200, "still serving");
    }
}

/// Break 6 (and SIGTERM of 13): `serve` stopped seeing edits after its content folder was
/// replaced, left the home page a 404 after its output was deleted, showed a broken
/// edition as a 404, and skipped its clean shutdown on SIGTERM.
mod serve_recovery {
    use super::*;

    const EDITION: &str = "/2024/20240417";

    /// Waits (bounded) until `target` answers `status` with a body holding `needle`.
    pub(super) fn wait_for(served: &Served, target: &str, status: u16, needle: &str) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while std::time::Instant::now() < deadline {
            let r = served.get(target);
            if r.status == status && r.text().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// Saves `edition` with a title that does not parse (`good` otherwise) and waits for
    /// the error event naming it; the event stream stays open for the caller.
    pub(super) fn break_front_matter(served: &Served, edition: &Path, good: &str) -> Events {
        let mut events = Events::open(&served.addr);
        events.next();
        let broken = good.replacen("title: Week Ending", "title: [Week Ending", 1);
        std::fs::write(edition, broken).unwrap();
        let e = events.next();
        let name = edition.file_name().unwrap().to_string_lossy();
        assert!(e["errors"].to_string().contains(&*name), "{e}");
        events
    }

    #[test]
    fn serve_follows_a_replaced_content_folder_and_a_deleted_output_and_keeps_broken_pages() {
        let site = sample_site();
        let root = site.path();
        let served = Served::start(root, &[]);
        let edition = root.join("content/2024-04-14-update.md");
        let good = read(&edition);

        std::fs::rename(root.join("content"), root.join("c2")).unwrap();
        std::fs::rename(root.join("c2"), root.join("content")).unwrap();
        assert!(
            served.wait_for_log(
                "changed: a source folder was replaced",
                1,
                Duration::from_secs(30)
            ),
            "serve saw the folder come back:\n{}",
            served.log()
        );
        std::fs::write(
            &edition,
            format!("{good}\nWritten after the folder came back.\n"),
        )
        .unwrap();
        assert!(
            wait_for(&served, EDITION, 200, "Written after the folder came back."),
            "the edit was seen:\n{}",
            served.log()
        );

        std::fs::remove_dir_all(root.join("public")).unwrap();
        assert!(
            wait_for(&served, "/", 200, "</html>"),
            "the deleted output was rebuilt:\n{}",
            served.log()
        );
        std::fs::write(
            &edition,
            format!("{good}\nWritten after the output was deleted.\n"),
        )
        .unwrap();
        assert!(
            wait_for(
                &served,
                EDITION,
                200,
                "Written after the output was deleted."
            ),
            "{}",
            served.log()
        );
        assert_eq!(served.get("/").status, 200, "the home page stays");

        let events = break_front_matter(&served, &edition, &good);
        let page = served.get(EDITION);
        assert_eq!(
            page.status, 200,
            "the last good page stays while the edition is broken"
        );
        assert!(
            page.text()
                .contains("Written after the output was deleted.")
                && page.text().contains("data-events"),
            "with the overlay's script"
        );
        drop(events);

        let status = served
            .signal("TERM")
            .expect("lwkd serve exits within 20 s of SIGTERM");
        assert!(status.success(), "{status}");
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().contains(".lwkd-") && n != ".lwkd-cache")
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

/// An edition whose file stops parsing keeps its last good text in what another edition's
/// edit makes again: the site feed holds both (pages read an edition's Markdown from its
/// file, and this one's file no longer holds it).
#[test]
fn serve_edits_beside_a_broken_edition_keep_its_last_good_text() {
    use serve_recovery::wait_for;
    let site = sample_site();
    let root = site.path();
    let served = Served::start(root, &[]);
    let broken = root.join("content/2024-04-14-update.md");
    let good = format!("{}\nA last good line.\n", read(&broken));
    std::fs::write(&broken, &good).unwrap();
    assert!(
        wait_for(&served, "/feed.xml", 200, "A last good line."),
        "{}",
        served.log()
    );
    let _events = serve_recovery::break_front_matter(&served, &broken, &good);
    let other = root.join("content/2022-02-06-update.md");
    std::fs::write(
        &other,
        format!("{}\nEdited beside a broken one.\n", read(&other)),
    )
    .unwrap();
    assert!(
        wait_for(
            &served,
            "/2022/20220209",
            200,
            "Edited beside a broken one."
        ),
        "{}",
        served.log()
    );
    let feed = served.get("/feed.xml").text();
    assert!(
        feed.contains("Edited beside a broken one.") && feed.contains("A last good line."),
        "{feed}"
    );
    assert!(!served.log().contains("changed while"), "{}", served.log());
}

/// Break 9: an interrupted build's staging folder and cache files stayed for good, and a
/// failed build kept its partial tree in `.lwkd-cache`.
mod leftovers {
    use super::*;

    /// Names beside the output and in the cache that only a build in progress should have.
    fn build_leftovers(root: &Path) -> Vec<String> {
        let names = |dir: &Path| {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        let mut found: Vec<String> = names(root)
            .into_iter()
            .filter(|n| n.contains(".lwkd-") && n != ".lwkd-cache")
            .collect();
        found.extend(
            names(&root.join(".lwkd-cache"))
                .into_iter()
                .filter(|n| n.contains(".new-") || n.ends_with(".previous"))
                .map(|n| format!(".lwkd-cache/{n}")),
        );
        found
    }

    #[test]
    fn an_interrupted_builds_leftovers_go_at_the_next_build_and_a_failed_build_leaves_none() {
        let site = sample_site();
        let root = site.path();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
        // What kill -9 leaves: a staging folder and a cache file of a process that is gone.
        let dead = 4_000_000;
        std::fs::create_dir_all(root.join(format!(".public.lwkd-new-{dead}/2024"))).unwrap();
        std::fs::write(
            root.join(format!(".public.lwkd-new-{dead}/2024/page.html")),
            "partial",
        )
        .unwrap();
        std::fs::write(
            root.join(format!(".lwkd-cache/editions.new-{dead}")),
            "partial",
        )
        .unwrap();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
        assert_eq!(
            build_leftovers(root),
            [".lwkd-cache/public.previous"],
            "only the kept output, for the next build to update"
        );

        // A build that fails while writing: a template that fails on every edition's page.
        let template = root.join("themes/default/templates/edition.html");
        let good = read(&template);
        std::fs::write(
            &template,
            good.replacen(
                "{% block main %}",
                "{% block main %}{{ no_such_value.at_all }}",
                1,
            ),
        )
        .unwrap();
        let before = files_below(&root.join("public"));
        let o = run(root, &["build"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            files_below(&root.join("public")) == before,
            "the previous output stays"
        );
        assert_eq!(
            build_leftovers(root),
            Vec::<String>::new(),
            "the failed build's partial tree is gone"
        );
        std::fs::write(&template, good).unwrap();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
    }
}

/// Break 10: deeply nested YAML (`k: [[[...`) took a minute to fail.
mod yaml_depth {
    use super::*;

    #[test]
    fn front_matter_nested_too_deep_is_an_error_on_its_line_before_it_is_parsed() {
        let site = sample_site();
        let root = site.path();
        let deep = format!(
            "---\ntitle: T\ntags: ok\nk: {}\n---\n\nText.\n",
            "[".repeat(10_000)
        );
        std::fs::write(root.join("content/2023-05-07-update.md"), deep).unwrap();
        let o = run(root, &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("2023-05-07-update.md:4: error:") && err.contains("nested"),
            "{err}"
        );
        assert!(
            root.join("public/2022/20220209.html").is_file(),
            "the others built"
        );
    }
}

/// Break 12: `lwkd check` read any file a page's `lwkd-source` meta named, and took time
/// with the product of a page's ids and `#` links.
mod check_limits {
    use super::*;

    #[test]
    fn a_pages_source_is_read_only_below_the_content_folder() {
        let site = sample_site();
        let root = site.path();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
        let climb = format!("{}etc/passwd", "../".repeat(root.components().count() + 2));
        for (name, source) in [
            ("climb.html", climb.as_str()),
            ("absolute.html", "/etc/passwd"),
        ] {
            let page = format!("<!doctype html><meta name=\"lwkd-source\" content=\"{source}\"><a href=\"/bin/sh\">x</a><a href=\"/root\">y</a>");
            std::fs::write(root.join("public").join(name), page).unwrap();
        }
        let o = run(root, &["check"]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "the links are broken: {out}");
        assert!(
            out.contains("climb.html: /bin/sh") && out.contains("absolute.html: /root"),
            "{out}"
        );
        assert!(
            !out.contains("passwd"),
            "no line of /etc/passwd was looked up: {out}"
        );
    }

    #[test]
    fn a_page_with_100k_ids_and_100k_fragment_links_is_checked() {
        let site = sample_site();
        let root = site.path();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
        let mut page = String::from("<!doctype html><title>big</title>");
        for i in 0..100_000 {
            page.push_str(&format!(
                "<p id=\"i{i}\"><a href=\"#i{}\">x</a></p>",
                99_999 - i
            ));
        }
        page.push_str("<a href=\"#missing\">m</a>");
        std::fs::write(root.join("public/big.html"), page).unwrap();
        let o = run(root, &["check"]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with("big.html"))
                .collect::<Vec<_>>(),
            ["big.html: #missing (no id \"missing\" on big.html)"],
            "{out}"
        );
    }
}

/// Break 13, the small ones.
mod small {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn new_with_a_date_at_the_end_of_the_calendar_is_an_error_not_a_panic() {
        let site = sample_site();
        let o = run(site.path(), &["new", "--date=+262142-12-31"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
    }

    #[test]
    fn head_on_the_event_stream_sends_no_body() {
        let site = sample_site();
        let served = Served::start(site.path(), &[]);
        let mut stream = std::net::TcpStream::connect(&served.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(3)))
            .unwrap();
        stream
            .write_all(b"HEAD /__lwkd/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw);
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("{text}"));
        assert!(
            head.starts_with("HTTP/1.1 200") && head.contains("text/event-stream"),
            "{head}"
        );
        assert_eq!(body, "", "HEAD gets no body");
    }

    #[test]
    fn an_error_in_base_html_names_base_html_and_its_line() {
        let site = sample_site();
        let path = site.path().join("themes/default/templates/base.html");
        let mut lines: Vec<String> = read(&path).lines().map(str::to_string).collect();
        lines.insert(5, "<p>{{ no_such_value.at_all }}</p>".into());
        std::fs::write(&path, lines.join("\n")).unwrap();
        let o = run(site.path(), &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("templates/base.html:6:"),
            "names base.html and line 6: {err}"
        );
    }

    #[test]
    fn a_yaml_error_names_the_broken_line_and_bad_utf8_is_a_warning() {
        let site = sample_site();
        let content = site.path().join("content");
        std::fs::write(content.join("2023-05-07-update.md"), "---\nlayout: post\ntitle: [Week Ending May 7\ndate: 2023-05-07\nslug: x\ndescription: d\n---\n\nText.\n").unwrap();
        std::fs::write(
            content.join("2023-05-14-update.md"),
            b"---\ntitle: T\n---\n\nGood line.\nBad \xff\xfe line.\n".as_slice(),
        )
        .unwrap();
        let o = run(site.path(), &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("2023-05-07-update.md:3: error:"),
            "the line with the unclosed [: {err}"
        );
        assert!(
            err.contains("2023-05-14-update.md:6: warning:") && err.contains("UTF-8"),
            "{err}"
        );
    }
}

/// "No panic reachable from input" beyond the cache (break 5): an edition dated near the
/// end of chrono's calendar that announces a deadline (`NaiveDate + TimeDelta overflowed` in
/// lwkd-cycles), and a `sigs.yaml` group whose name ends in `!` named before a `€` in an
/// edition (a slice inside the `€` in lwkd-groups) each stopped the build with exit 101.
mod no_panic_from_input {
    use super::*;

    #[test]
    fn an_edition_near_the_end_of_the_calendar_announcing_a_deadline_builds() {
        let site = sample_site();
        std::fs::write(
            site.path().join("content/2024-01-14-far.md"),
            "---\ntitle: Far\ndate: 262142-04-01\n---\n## Release Schedule\n\n**Next Deadline: Code Freeze, May 3rd**\n",
        )
        .unwrap();
        let o = run(site.path(), &["build"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let deadlines = read(site.path().join("public/data/deadlines.json"));
        assert!(
            deadlines.contains("\"date\":\"+262142-05-03\""),
            "{deadlines}"
        );
        // The cycle's chart spans 260,000 years: its axis must not tick every month of them.
        let largest = walkdir::WalkDir::new(site.path().join("public/releases"))
            .into_iter()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .max()
            .unwrap();
        assert!(largest < 1_000_000, "a release page of {largest} bytes");
    }

    /// The last day chrono knows: the search index compares its title with the days around it.
    #[test]
    fn an_edition_on_the_last_day_of_the_calendar_builds() {
        let site = sample_site();
        std::fs::write(
            site.path().join("content/2024-01-14-last.md"),
            "---\ntitle: Last\ndate: 262142-12-31\n---\n## News\n\nThe last week.\n",
        )
        .unwrap();
        let o = run(site.path(), &["build"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(read(site.path().join("public/search/editions.json")).contains("Last"));
    }

    #[test]
    fn a_group_whose_name_ends_in_punctuation_is_found_in_prose_of_any_script() {
        let site = sample_site();
        let upstream = site.path().join("upstream");
        std::fs::create_dir_all(upstream.join("community")).unwrap();
        std::fs::write(
            upstream.join("community/sigs.yaml"),
            "sigs:\n- dir: sig-foo\n  name: Foo!\n",
        )
        .unwrap();
        std::fs::write(
            site.path().join("content/2024-01-14-foo.md"),
            "---\ntitle: Foo\n---\n## News\n\nSIG Foo€ met, and SIG Foo! met again.\n",
        )
        .unwrap();
        let o = run(site.path(), &["build", "--upstream", "upstream"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let page = read(site.path().join("public/sigs/sig-foo/index.html"));
        assert!(
            page.contains("/2024/20240114"),
            "the edition is filed under SIG Foo!"
        );
    }
}
