//! [`CompressedHtml`]: an edition's HTML as a build holds it between parsing and rendering.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An edition's HTML, kept LZ4-compressed (about a third of its size). At a hundred times
/// the archive the editions' HTML is the largest thing a build holds, some 240 MB, yet a
/// build reads each edition's HTML once or twice: for its page and its feed entry. LZ4
/// gives it back at GB/s, a small part of rendering the page it goes into.
///
/// The same HTML always compresses to the same bytes, so [`CompressedHtml::compressed`]
/// stands for the HTML in cache keys without decompressing it. Cloning shares the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct CompressedHtml {
    /// The HTML's length as a little-endian u32, then its LZ4 block.
    bytes: Arc<[u8]>,
}

impl CompressedHtml {
    pub fn new(html: &str) -> CompressedHtml {
        CompressedHtml {
            bytes: lz4_flex::compress_prepend_size(html.as_bytes()).into(),
        }
    }

    /// The HTML.
    pub fn text(&self) -> String {
        // Every value was made by `new` or checked by `deserialize`.
        Self::decode(&self.bytes).expect("compressed HTML was checked when made")
    }

    /// The HTML's length in bytes, without decompressing it.
    pub fn len(&self) -> usize {
        let prefix: [u8; 4] = self.bytes[..4].try_into().expect("the prefix is 4 bytes");
        u32::from_le_bytes(prefix) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The compressed bytes: equal exactly when the HTML is.
    pub fn compressed(&self) -> &[u8] {
        &self.bytes
    }

    fn decode(bytes: &[u8]) -> Option<String> {
        let html = lz4_flex::decompress_size_prepended(bytes).ok()?;
        String::from_utf8(html).ok()
    }
}

impl fmt::Debug for CompressedHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CompressedHtml({} bytes, {} compressed)",
            self.len(),
            self.bytes.len()
        )
    }
}

/// As the compressed bytes: the edition cache stores and reads them as they are.
impl Serialize for CompressedHtml {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
    }
}

/// Checks that the bytes decompress to UTF-8, so that a damaged cache entry fails to read
/// (and the edition is parsed again) instead of failing a page later.
impl<'de> Deserialize<'de> for CompressedHtml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(deserializer)?.into_vec();
        match Self::decode(&bytes) {
            Some(_) => Ok(CompressedHtml {
                bytes: bytes.into(),
            }),
            None => Err(serde::de::Error::custom(
                "compressed HTML that does not decompress to UTF-8",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_the_html_and_its_length() {
        for html in [
            "",
            "<p>é</p>",
            &"<li><a href=\"/2024/x.html\">KEP-3136</a></li>\n".repeat(500),
        ] {
            let compressed = CompressedHtml::new(html);
            assert_eq!(compressed.text(), html);
            assert_eq!(compressed.len(), html.len());
        }
        let long = "<p>Code freeze is on March 5th.</p>\n".repeat(200);
        assert!(
            CompressedHtml::new(&long).compressed().len() * 10 < long.len(),
            "repeated markup compresses"
        );
    }

    #[test]
    fn bytes_that_do_not_decompress_do_not_deserialize() {
        let good = CompressedHtml::new("<h2 id=\"news\">News</h2>");
        let bytes = rmp_serde::to_vec(&good).unwrap();
        assert_eq!(
            rmp_serde::from_slice::<CompressedHtml>(&bytes).unwrap(),
            good
        );
        let mut torn = good.compressed().to_vec();
        torn.truncate(torn.len() - 3);
        let torn = rmp_serde::to_vec(&serde_bytes::Bytes::new(&torn)).unwrap();
        assert!(rmp_serde::from_slice::<CompressedHtml>(&torn).is_err());
    }
}
