//! No `site.toml` or `_config.yml`, however broken, makes loading a site's settings panic: it
//! loads, or is an error at a line the file has.

use lwkd_config::{ConfigError, SiteConfig, CONFIG_FILE, JEKYLL_CONFIG_FILE};
use proptest::prelude::*;

/// The settings of a site whose `name` file holds `bytes`.
fn load(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(name), bytes).unwrap();
    let lines = bytes.split(|b| *b == b'\n').count();
    match SiteConfig::load(tmp.path()) {
        Ok(mut config) => {
            prop_assert!(config.base_url.ends_with('/'));
            prop_assert!(config.base_path().starts_with('/') || !config.base_url.contains("://"));
            let _ = config.absolute_url("/2022/20220209.html");
            let base_url = config.base_url.clone();
            config.set_base_url(&base_url);
        }
        Err(ConfigError::Parse { line, message, .. }) => {
            prop_assert!((1..=lines + 1).contains(&line), "{line}: {message}");
        }
        Err(e) => prop_assert!(e.to_string().contains(name), "{e}"),
    }
    Ok(())
}

/// Bytes that are not UTF-8 were `cannot read the site configuration: stream did not contain
/// valid UTF-8`, with no line and nothing to do.
#[test]
fn bytes_that_are_not_utf8_are_an_error_at_their_line() {
    for name in [CONFIG_FILE, JEKYLL_CONFIG_FILE] {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join(name),
            b"title = \"a\"\n\ntitle2 = \"\xff\"\n",
        )
        .unwrap();
        let error = SiteConfig::load(tmp.path()).unwrap_err().to_string();
        assert!(
            error.contains(&format!("{name}:3: this line is not UTF-8 text")),
            "{error}"
        );
    }
}

/// TOML made of the settings' own keys and values of every kind, in any order.
fn site_toml() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "(title|description|base_url|permalink|cname|credit|theme|output_dir) = \"\\PC{0,12}\"",
        "(feed_limit|drafts) = (0|1|-1|99999999999999999999|true|\"x\"|1\\.5)",
        "\\[(upstream|check|lint|\\PC{0,4})\\]",
        "(dir|enhancements|ignore) = (\\[\"\\PC{0,6}\"\\]|\"\\PC{0,6}\")",
        "\\PC{0,16}",
    ];
    proptest::collection::vec(line, 0..10).prop_map(|l| l.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_site_toml_loads_or_is_an_error_on_its_line(text in site_toml()) {
        load(CONFIG_FILE, text.as_bytes())?;
    }

    #[test]
    fn any_bytes_as_site_toml(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        load(CONFIG_FILE, &bytes)?;
    }

    #[test]
    fn any_jekyll_config(
        text in "((title|url|baseurl|permalink|description): ?(\\PC{0,10}|\\[\\[\\[|&a|\\*a|- x)\n){0,6}",
        bytes in proptest::collection::vec(any::<u8>(), 0..100),
    ) {
        load(JEKYLL_CONFIG_FILE, text.as_bytes())?;
        load(JEKYLL_CONFIG_FILE, &bytes)?;
    }
}
