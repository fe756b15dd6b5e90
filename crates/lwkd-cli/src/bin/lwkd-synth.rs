//! `lwkd-synth`: writes a synthetic LWKD archive (a Jekyll site root) for scale benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Write N realistic, made-up LWKD editions into DIR/_posts (replacing what it held).
#[derive(Parser)]
#[command(name = "lwkd-synth", version)]
struct Args {
    /// How many editions, one per week from January 2018.
    #[arg(long)]
    editions: usize,
    /// The site root to write.
    #[arg(long)]
    out: PathBuf,
    /// The same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match lwkd_synth::write_site(&args.out, args.editions, args.seed) {
        Ok(w) => {
            eprintln!(
                "wrote {} editions ({} KiB) to {}",
                w.editions,
                w.bytes / 1024,
                w.posts_dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.out.display());
            ExitCode::from(1)
        }
    }
}
