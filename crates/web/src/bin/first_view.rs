//! Prints the page's first view (`espresso_web::ui::first_view`) for the
//! default café: `scripts/post-build.mjs` writes it into the built
//! `index.html`. A native step of the build.
//!
//!   cargo run -q -p espresso-web --bin first-view

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match espresso_web::ui::first_view::first_view("") {
        Ok(html) => {
            print!("{html}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("first-view: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
