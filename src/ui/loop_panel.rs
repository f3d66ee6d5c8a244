//! The event-loop panel: what the barista runs right now (the call stack),
//! the task queue, the microtask queue, and the jobs that ran in no time at
//! this very instant.

use super::state::Play;
use crate::play::labels;
use leptos::prelude::*;

/// Most entries listed per queue.
const LISTED: usize = 6;

#[derive(Clone, Debug, PartialEq, Default)]
struct LoopView {
    stack: Option<String>,
    doing: String,
    tasks: Vec<String>,
    task_count: usize,
    microtasks: Vec<String>,
    instant: Vec<String>,
}

fn list(items: Vec<String>, total: usize, empty: &'static str, id: &'static str) -> impl IntoView {
    let more = total.saturating_sub(items.len());
    view! {
        <ol data-testid=id>
            {if items.is_empty() {
                view! { <li class="empty">{empty}</li> }.into_any()
            } else {
                items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view().into_any()
            }}
            {(more > 0).then(|| view! { <li class="more">{format!("+{more} more")}</li> })}
        </ol>
    }
}

/// The call stack and the two queues at the playhead.
#[component]
pub fn LoopPanel() -> impl IntoView {
    let play = expect_context::<Play>();
    let state = Memo::new(move |_| {
        let t = play.t.get();
        play.with_run(|runs, run| {
            let inst = &runs.instance;
            let s = run.strategy;
            let (tasks, task_count) = run.index.tasks(inst, &run.trace, t, LISTED);
            let micro = run.index.microtasks(t);
            LoopView {
                stack: run.index.running(t).map(|j| labels::running(inst, s, j)),
                doing: labels::barista(inst, run.index.barista(t), t),
                tasks: tasks.into_iter().map(|j| labels::job(inst, s, j)).collect(),
                task_count,
                microtasks: micro
                    .iter()
                    .take(LISTED)
                    .map(|&j| labels::job(inst, s, j))
                    .collect(),
                instant: run
                    .index
                    .jobs_at(t)
                    .take(LISTED)
                    .map(|j| labels::job(inst, s, j))
                    .collect(),
            }
        })
    });
    view! {
        <section class="loop" aria-labelledby="loop-title">
            <h2 id="loop-title">"Event loop"</h2>
            <div class="stack">
                <h3>"Call stack (running now)"</h3>
                <p class="running" data-testid="call-stack">{move || state.with(|s| s.stack.clone().unwrap_or_else(|| "(empty: the loop waits)".into()))}</p>
                <p class="doing">{move || state.with(|s| format!("Barista: {}", s.doing))}</p>
            </div>
            <div class="queue">
                <h3>{move || state.with(|s| format!("Task queue ({})", s.task_count))}</h3>
                {move || state.with(|s| list(s.tasks.clone(), s.task_count, "empty", "task-queue"))}
            </div>
            <div class="queue micro">
                <h3>{move || state.with(|s| format!("Microtask queue ({})", s.microtasks.len()))}</h3>
                {move || state.with(|s| list(s.microtasks.clone(), s.microtasks.len(), "empty", "microtask-queue"))}
            </div>
            <div class="queue instant">
                <h3>"Ran at this very instant (no time)"</h3>
                {move || state.with(|s| list(s.instant.clone(), s.instant.len(), "nothing", "instant-jobs"))}
            </div>
            <p class="hint">"The barista empties the microtask queue before taking the next task."</p>
        </section>
    }
}
