fn main() {
    // Panic messages in the console while developing; a release build leaves
    // the hook's formatting code out of the WebAssembly.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    blogreader::page::set_view_env();
    // The first render runs in a task of its own: instantiating the
    // WebAssembly is a long task already, and the browser may paint or handle
    // input between the two.
    leptos::prelude::set_timeout(
        || leptos::mount::mount_to_body(blogreader::app::App),
        std::time::Duration::ZERO,
    );
}
