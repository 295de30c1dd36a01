//! One test binary for the whole suite: each file below used to link its own, which made
//! `cargo test` spend most of its time linking.

mod common;
mod foundation;
mod office;
mod screens;

mod audit;
mod backup;
mod catalogue;
mod cli_errors;
mod clock_rules;
mod codes;
mod concurrency;
mod conditions;
mod crash;
mod dashboard;
mod demo;
mod deploy;
mod due_dates;
mod escapes;
mod faults;
mod forms;
mod fuzz;
mod imported_pauses;
mod logbook;
mod logbook_sheets;
mod papers;
mod print;
mod report;
mod report_form;
mod report_stability;
mod roles;
mod search;
mod signals;
mod transitions;
mod tui_admin;
mod tui_dashboard;
mod tui_help;
mod tui_intake;
mod tui_keys;
mod tui_queue;
mod tui_report;
mod tui_snapshots;
mod tui_terminals;
mod writers;
mod xlsx;
