pub mod head;
pub mod layout;
pub mod marks;
pub mod offline;
pub mod progress;
pub mod status;
