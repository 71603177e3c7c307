//! Memory the process hands back at exit rather than freeing piece by piece.
//!
//! A command reads a product, prints, and exits. Dropping a large product
//! (or the format-keeping document of a write) frees hundreds of thousands
//! of small allocations one by one, which is slower than the rest of a read;
//! the exit returns them all at once. The library frees what it allocates;
//! this is the binary's one place that chooses not to wait for it.

use std::any::Any;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

/// What has been handed over, kept until the process exits (statics are
/// never dropped, so nothing here is freed before then).
static PARKED: Mutex<Vec<Box<dyn Any + Send>>> = Mutex::new(Vec::new());

/// Keeps `value` until the process exits.
pub fn park<T: Send + 'static>(value: T) {
    if let Ok(mut parked) = PARKED.lock() {
        parked.push(Box::new(value));
    }
}

/// A value that is parked, not dropped, when it goes out of scope.
pub struct Parked<T: Send + 'static>(Option<T>);

impl<T: Send + 'static> Parked<T> {
    pub fn new(value: T) -> Self {
        Parked(Some(value))
    }
}

impl<T: Send + 'static> Deref for Parked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
            .as_ref()
            .unwrap_or_else(|| unreachable!("taken only on drop"))
    }
}

impl<T: Send + 'static> DerefMut for Parked<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0
            .as_mut()
            .unwrap_or_else(|| unreachable!("taken only on drop"))
    }
}

impl<T: Send + 'static> Drop for Parked<T> {
    fn drop(&mut self) {
        if let Some(value) = self.0.take() {
            park(value);
        }
    }
}
