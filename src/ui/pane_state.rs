//! Which tab of the side pane is shown and which role the role view is on: state shared by the
//! pane and whatever opens a tab (the role view, the findings jump, the review's shortcuts).

use leptos::prelude::*;

use crate::model::RoleId;

use super::grid_state::GridState;

/// The tabs of the pane, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Findings,
    Changes,
    Actions,
    Review,
    Lookup,
    RoleView,
    Rules,
}

impl Tab {
    pub(super) const ALL: [Tab; 7] = [
        Tab::Findings,
        Tab::Changes,
        Tab::Actions,
        Tab::Review,
        Tab::Lookup,
        Tab::RoleView,
        Tab::Rules,
    ];

    pub(super) fn label(self) -> &'static str {
        match self {
            Tab::Findings => "Findings",
            Tab::Changes => "Changes",
            Tab::Actions => "Actions",
            Tab::Review => "Review",
            Tab::Lookup => "Who owns",
            Tab::RoleView => "Role view",
            Tab::Rules => "Rules",
        }
    }

    pub(super) fn id(self) -> &'static str {
        match self {
            Tab::Findings => "findings",
            Tab::Changes => "changes",
            Tab::Actions => "actions",
            Tab::Review => "review",
            Tab::Lookup => "lookup",
            Tab::RoleView => "role-view",
            Tab::Rules => "rules",
        }
    }
}

/// Which tab is shown and which role the role view is on. Provided through context so that other
/// parts of the page can open the role view on a role.
#[derive(Clone, Copy)]
pub struct PaneState {
    pub tab: RwSignal<Tab>,
    pub role: RwSignal<Option<RoleId>>,
    grid: Option<GridState>,
}

impl PaneState {
    pub fn new(grid: Option<GridState>) -> PaneState {
        PaneState {
            tab: RwSignal::new(Tab::Findings),
            role: RwSignal::new(None),
            grid,
        }
    }

    /// Shows `tab` from its top; the grid highlights the role view's role only while that tab
    /// is shown.
    pub fn show(&self, tab: Tab) {
        if self.tab.get_untracked() != tab {
            self.tab.set(tab);
            // The pane scrolls as one box: another tab would open where the last one was left.
            if let Some(pane) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".side-pane").ok().flatten())
            {
                pane.set_scroll_top(0);
            }
        }
        self.sync_highlight();
    }

    /// Opens the role view on `role` (None: no role chosen).
    pub fn view_role(&self, role: Option<RoleId>) {
        self.role.set(role);
        self.show(Tab::RoleView);
    }

    fn sync_highlight(&self) {
        if let Some(grid) = self.grid {
            let role = match self.tab.get_untracked() {
                Tab::RoleView => self.role.get_untracked(),
                _ => None,
            };
            if grid.highlight_role.get_untracked() != role {
                grid.highlight_role.set(role);
            }
        }
    }
}
