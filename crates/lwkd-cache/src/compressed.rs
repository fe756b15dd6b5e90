//! Edition cache entries compressed with zstd: an edition's items' text and what was found
//! in it compress to a third, so the cache a build leaves stays a fraction of its output,
//! for a few milliseconds of decoding.
//!
//! Entries are compressed against a [`Dictionary`]: a few whole entries, which zstd reads as
//! text every entry may repeat. An entry is a few kilobytes, too little for zstd to learn
//! the words and the layout that all entries share; with them given (and level 3), the
//! archive's edition cache is 23% smaller (a synthetic archive ten times its size, whose
//! sentences are made of fewer words, 34%). Raw entries ask for no training, which would
//! take a cold build 15-40 ms.

use std::cell::RefCell;

use zstd::zstd_safe::{self, CCtx, CDict, DCtx, DDict};

/// zstd's level for entries: with the dictionary, level 3 (its default) leaves the
/// archive's entries 7% smaller than level 1, in no more time that a cold build shows
/// (hyperfine, 20 cold builds each on tmpfs: 233.9 ± 6.2 ms, level 1 236.4 ± 5.8 ms).
const COMPRESSION: i32 = 3;

/// The largest entry decompressed: far above any edition's, below what would exhaust memory
/// if an entry's header claimed more.
const MAX_ENTRY: u64 = 1 << 30;

thread_local! {
    /// One zstd context of each kind per thread: making one per entry (each a few hundred KB
    /// to set up) was a twentieth of a warm build.
    static ZSTD: RefCell<Option<(CCtx<'static>, DCtx<'static>)>> =
        RefCell::new(CCtx::try_create().zip(DCtx::try_create()));
}

/// Text that entries are compressed against: its bytes, their hash (which tells one
/// dictionary from another), and the bytes made ready for zstd.
pub(crate) struct Dictionary {
    pub(crate) content: Vec<u8>,
    pub(crate) hash: blake3::Hash,
    /// `None` when the content is empty or zstd cannot start here: entries are compressed
    /// alone.
    prepared: Option<(CDict<'static>, DDict<'static>)>,
}

impl Dictionary {
    /// A dictionary of `content`: raw bytes, such as entries.
    pub(crate) fn new(content: Vec<u8>) -> Dictionary {
        let prepared = (!content.is_empty())
            .then(|| CDict::try_create(&content, COMPRESSION).zip(DDict::try_create(&content)))
            .flatten();
        Dictionary {
            hash: blake3::hash(&content),
            content,
            prepared,
        }
    }
}

/// `bytes` compressed, against `dictionary` when given; as they are if zstd cannot start
/// here (the entry then reads back as a miss, and is made again).
pub(crate) fn compress(bytes: &[u8], dictionary: Option<&Dictionary>) -> Vec<u8> {
    let mut out = Vec::with_capacity(zstd_safe::compress_bound(bytes.len()));
    let done = ZSTD.with_borrow_mut(|zstd| {
        let (cctx, _) = zstd.as_mut()?;
        match dictionary.and_then(|d| d.prepared.as_ref()) {
            Some((cdict, _)) => cctx.compress_using_cdict(&mut out, bytes, cdict),
            None => cctx.compress(&mut out, bytes, COMPRESSION),
        }
        .ok()
    });
    match done {
        Some(_) => out,
        None => bytes.to_vec(),
    }
}

/// What `compress` made of `bytes` with the same `dictionary`; `None` when they are no zstd
/// frame of a plausible size, or do not decompress with it.
pub(crate) fn decompress(bytes: &[u8], dictionary: Option<&Dictionary>) -> Option<Vec<u8>> {
    let size = zstd_safe::get_frame_content_size(bytes).ok()??;
    if size > MAX_ENTRY {
        return None;
    }
    let mut out = Vec::with_capacity(usize::try_from(size).ok()?);
    ZSTD.with_borrow_mut(|zstd| {
        let (_, dctx) = zstd.as_mut()?;
        match dictionary.and_then(|d| d.prepared.as_ref()) {
            Some((_, ddict)) => dctx.decompress_using_ddict(&mut out, bytes, ddict),
            None => dctx.decompress(&mut out, bytes),
        }
        .ok()
    })?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(name: &str) -> Vec<u8> {
        std::fs::read(lwkd_testdata::posts().join(name)).unwrap()
    }

    #[test]
    fn entries_compress_and_only_plausible_frames_decompress() {
        let text = edition("2022-02-06-update.md");
        let stored = compress(&text, None);
        assert!(
            stored.len() * 2 < text.len(),
            "{} of {}",
            stored.len(),
            text.len()
        );
        assert_eq!(decompress(&stored, None), Some(text.clone()));
        assert_eq!(decompress(&text, None), None, "plain bytes are no frame");
        // A frame header (single segment, 8-byte content size) claiming a terabyte: refused
        // before anything is allocated for it.
        let mut huge = vec![0x28, 0xB5, 0x2F, 0xFD, 0xE0];
        huge.extend((1u64 << 40).to_le_bytes());
        huge.extend(&stored[stored.len() / 2..]);
        assert_eq!(
            zstd_safe::get_frame_content_size(&huge).ok(),
            Some(Some(1 << 40))
        );
        assert_eq!(decompress(&huge, None), None);
    }

    #[test]
    fn a_dictionary_of_other_editions_makes_an_edition_smaller() {
        let content = [
            edition("2021-03-07-update.md"),
            edition("2024-08-25-update.md"),
        ]
        .concat();
        let dictionary = Dictionary::new(content);
        let text = edition("2022-02-06-update.md");
        let (plain, with) = (compress(&text, None), compress(&text, Some(&dictionary)));
        assert!(
            with.len() * 10 < plain.len() * 9,
            "{} with the dictionary, {} without",
            with.len(),
            plain.len()
        );
        assert_eq!(decompress(&with, Some(&dictionary)), Some(text.clone()));
        // Read without it, or with another, the frame gives no edition back.
        assert_ne!(decompress(&with, None), Some(text.clone()));
        let other = Dictionary::new(edition("2019-02-03-update.md"));
        assert_ne!(decompress(&with, Some(&other)), Some(text.clone()));
        // An empty dictionary is none.
        let empty = Dictionary::new(Vec::new());
        assert_eq!(compress(&text, Some(&empty)), plain);
    }
}
