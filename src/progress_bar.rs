//! The terminal progress bar for long phases (indicatif), shown only on a
//! terminal and only when a phase has enough steps to take a moment.

use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dateline::progress::Progress;

/// Below this many steps a phase is over before a bar would be readable.
const MIN_STEPS: usize = 2_000;

/// A progress bar on stderr.
pub struct Bar {
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    /// A bar that stays hidden when `quiet`.
    pub fn new(quiet: bool) -> Bar {
        Bar { quiet, bar: Mutex::new(None) }
    }
}

impl Progress for Bar {
    fn start(&self, phase: &str, total: usize) {
        if self.quiet || total < MIN_STEPS {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(phase.to_string());
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn advance(&self, n: usize) {
        if let Ok(slot) = self.bar.lock()
            && let Some(bar) = slot.as_ref()
        {
            bar.inc(n as u64);
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish_and_clear();
        }
    }

    fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}
