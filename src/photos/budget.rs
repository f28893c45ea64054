//! A memory budget for picture work. Decoding a 100-megapixel photo takes
//! about a gigabyte, and rayon runs one picture per thread: with eight
//! such photos at once a build ran out of memory and aborted. Each picture
//! takes its share of the budget before it is decoded and gives it back
//! when it is done; a picture that does not fit waits.

use std::sync::{Condvar, Mutex, MutexGuard};

/// Bytes that decoded pictures may hold at once. A share larger than the
/// whole budget is cut to the whole: that picture runs alone.
pub(super) struct Budget {
    total: u64,
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    used: u64,
    /// Tickets, so that shares are handed out in the order asked: a large
    /// picture is not overtaken forever by small ones.
    next: u64,
    serving: u64,
}

/// A share of the budget, given back when dropped (a panic included).
pub(super) struct Share<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub(super) const fn new(total: u64) -> Budget {
        Budget {
            total,
            state: Mutex::new(State {
                used: 0,
                next: 0,
                serving: 0,
            }),
            changed: Condvar::new(),
        }
    }

    /// Waits until `bytes` (at most the whole budget) are free and takes
    /// them. Callers must not wait for other pictures while holding a
    /// share: a holder only ever finishes its own picture.
    pub(super) fn take(&self, bytes: u64) -> Share<'_> {
        let bytes = bytes.min(self.total);
        let mut state = self.lock();
        let ticket = state.next;
        state.next += 1;
        while state.serving != ticket || state.used + bytes > self.total {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.used += bytes;
        state.serving += 1;
        drop(state);
        // The next ticket may fit too.
        self.changed.notify_all();
        Share {
            budget: self,
            bytes,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is a few counters, consistent after any panic.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        self.budget.lock().used -= self.bytes;
        self.budget.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// Runs `jobs` (bytes each) on threads of their own and returns the
    /// most that ever held a share at once.
    fn most_at_once(budget: &Budget, jobs: &[u64]) -> usize {
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for &bytes in jobs {
                let (running, most) = (&running, &most);
                s.spawn(move || {
                    let _share = budget.take(bytes);
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(50));
                    running.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        most.into_inner()
    }

    #[test]
    fn two_large_pictures_never_run_at_once() {
        let budget = Budget::new(100);
        assert_eq!(most_at_once(&budget, &[60, 60, 60]), 1);
    }

    #[test]
    fn small_pictures_run_together() {
        let budget = Budget::new(100);
        assert_eq!(most_at_once(&budget, &[30, 30, 30]), 3);
    }

    #[test]
    fn a_picture_larger_than_the_budget_still_runs_alone() {
        let budget = Budget::new(100);
        drop(budget.take(1_000));
        assert_eq!(most_at_once(&budget, &[1_000, 10, 1_000]), 1);
        // Everything was given back.
        assert_eq!(budget.lock().used, 0);
    }

    #[test]
    fn a_share_is_given_back_when_its_picture_panics() {
        let budget = Budget::new(100);
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _share = budget.take(80);
            panic!("inside a decoder");
        }));
        assert!(panicked.is_err());
        assert_eq!(budget.lock().used, 0);
        drop(budget.take(80));
    }
}
