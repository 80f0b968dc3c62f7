//! Search index, last step: each index file gzip-compressed, as Pagefind's
//! browser side reads them, with one deflate state reused for all the files
//! of a shard. A shard has hundreds of small files, and a new state for each
//! (what `flate2::write::GzEncoder` does) spent more time allocating and
//! clearing its window than compressing.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

/// A gzip member's header: deflate, no name, no time, unknown system.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// Compresses one file after another.
pub struct Gzip {
    deflate: Compress,
}

impl Gzip {
    /// A compressor at deflate `level` (0–9).
    pub fn new(level: u32) -> Self {
        Gzip { deflate: Compress::new(Compression::new(level), false) }
    }

    /// `parts`, one after the other, as one gzip file.
    pub fn compress(&mut self, parts: &[&[u8]]) -> Vec<u8> {
        self.deflate.reset();
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let mut out = Vec::with_capacity(HEADER.len() + len / 2 + 64);
        out.extend_from_slice(&HEADER);
        let mut crc = Crc::new();
        for part in parts {
            crc.update(part);
            self.feed(part, &mut out, FlushCompress::None);
        }
        self.feed(&[], &mut out, FlushCompress::Finish);
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&(len as u32).to_le_bytes());
        out
    }

    fn feed(&mut self, mut input: &[u8], out: &mut Vec<u8>, flush: FlushCompress) {
        loop {
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(256));
            }
            let before = self.deflate.total_in();
            let status = self.deflate.compress_vec(input, out, flush).expect("deflating into memory cannot fail");
            input = &input[(self.deflate.total_in() - before) as usize..];
            let done = match flush {
                FlushCompress::Finish => status == Status::StreamEnd,
                _ => input.is_empty(),
            };
            if done {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("a valid gzip file");
        out
    }

    #[test]
    fn files_compressed_one_after_another_decompress_whole() {
        let mut gzip = Gzip::new(6);
        let long: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let first = gzip.compress(&[b"pagefind_dcd", &long]);
        let second = gzip.compress(&[b"pagefind_dcd", b"short"]);
        let empty = gzip.compress(&[]);
        assert_eq!(gunzip(&first), [b"pagefind_dcd".as_slice(), &long].concat());
        assert_eq!(gunzip(&second), b"pagefind_dcdshort");
        assert_eq!(gunzip(&empty), b"");
    }
}
