//! The web app's entry point: mounts the Leptos app (WebAssembly only).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(async_espresso::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This is the web app: serve it with scripts/serve. For the command line, run `cargo run --release --bin espresso -- --help`."
    );
}
