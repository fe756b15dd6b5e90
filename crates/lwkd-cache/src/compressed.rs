//! Edition cache entries compressed with zstd: an edition's items' text and what was found
//! in it compress to a third, so the cache a build leaves stays a fraction of its output,
//! for a few milliseconds of decoding.

use std::cell::RefCell;

use zstd::bulk::{Compressor, Decompressor};

/// zstd's level for entries: level 3 (its default) saves 1% more on the archive for twice
/// the compression time, which a cold build pays.
const COMPRESSION: i32 = 1;

/// The largest entry decompressed: far above any edition's, below what would exhaust memory
/// if an entry's header claimed more.
const MAX_ENTRY: u64 = 1 << 30;

thread_local! {
    /// One zstd context of each kind per thread: making one per entry (each a few hundred KB
    /// to set up) was a twentieth of a warm build.
    static ZSTD: RefCell<Option<(Compressor<'static>, Decompressor<'static>)>> =
        RefCell::new(Compressor::new(COMPRESSION).ok().zip(Decompressor::new().ok()));
}

/// `bytes` compressed; as they are if zstd cannot start here (the entry then reads back as
/// a miss, and is made again).
pub(crate) fn compress(bytes: &[u8]) -> Vec<u8> {
    ZSTD.with_borrow_mut(|zstd| zstd.as_mut().and_then(|(c, _)| c.compress(bytes).ok()))
        .unwrap_or_else(|| bytes.to_vec())
}

/// What `compress` made of `bytes`; `None` when they are no zstd frame of a plausible size.
pub(crate) fn decompress(bytes: &[u8]) -> Option<Vec<u8>> {
    let size = zstd::zstd_safe::get_frame_content_size(bytes).ok()??;
    if size > MAX_ENTRY {
        return None;
    }
    let size = usize::try_from(size).ok()?;
    ZSTD.with_borrow_mut(|zstd| zstd.as_mut()?.1.decompress(bytes, size).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_compress_and_only_plausible_frames_decompress() {
        let text = std::fs::read(lwkd_testdata::posts().join("2022-02-06-update.md")).unwrap();
        let stored = compress(&text);
        assert!(
            stored.len() * 2 < text.len(),
            "{} of {}",
            stored.len(),
            text.len()
        );
        assert_eq!(decompress(&stored), Some(text.clone()));
        assert_eq!(decompress(&text), None, "plain bytes are no frame");
        // A frame header (single segment, 8-byte content size) claiming a terabyte: refused
        // before anything is allocated for it.
        let mut huge = vec![0x28, 0xB5, 0x2F, 0xFD, 0xE0];
        huge.extend((1u64 << 40).to_le_bytes());
        huge.extend(&stored[stored.len() / 2..]);
        assert_eq!(
            zstd::zstd_safe::get_frame_content_size(&huge).ok(),
            Some(Some(1 << 40))
        );
        assert_eq!(decompress(&huge), None);
    }
}
