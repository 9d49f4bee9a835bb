pub mod doc;
pub mod head;
pub mod layout;
pub mod offline;
pub mod post_card;
pub mod post_list;
pub mod progress;
pub mod status;
