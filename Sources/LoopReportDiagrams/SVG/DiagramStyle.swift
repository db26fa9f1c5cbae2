/// The diagrams' look: every colour is a CSS variable, so a page's light and dark themes
/// restyle its diagrams too. Pages set the variables in their stylesheet; a standalone SVG
/// carries them itself, with a dark variant for `prefers-color-scheme: dark`.
package enum DiagramStyle {
    /// The variables and their light values (mark colours keep ≥ 3:1 against the
    /// background, text ≥ 4.5:1).
    package static let lightVariables = """
        --lr-bg:#ffffff;--lr-text:#1f2933;--lr-muted:#52606d;--lr-grid:#d9dee4;--lr-band:#f4f6f8;\
        --lr-nonworking:#e9edf1;--lr-bar:#3a6db5;--lr-bar-progress:#1b3a66;--lr-critical:#c0390b;\
        --lr-critical-outline:#5c1a04;--lr-baseline:#7b8794;--lr-buffer:#6b7785;--lr-milestone:#6a2fc4;\
        --lr-link:#52606d;--lr-today:#b8196b;--lr-cut:#b3261e;--lr-node:#e8f0fb;--lr-node-stroke:#3a6db5;\
        --lr-series-1:#3a6db5;--lr-series-2:#c0390b;--lr-series-3:#2f7d32;--lr-series-4:#6a2fc4;--lr-series-5:#8a5a00;
        """

    package static let darkVariables = """
        --lr-bg:#14181d;--lr-text:#e4e7eb;--lr-muted:#a9b4c0;--lr-grid:#3b4450;--lr-band:#1b2027;\
        --lr-nonworking:#232a33;--lr-bar:#6fa3ee;--lr-bar-progress:#c8dcfa;--lr-critical:#ff8a50;\
        --lr-critical-outline:#ffd9c4;--lr-baseline:#8b96a3;--lr-buffer:#9aa5b1;--lr-milestone:#b892ff;\
        --lr-link:#a9b4c0;--lr-today:#ff6fb5;--lr-cut:#ff7b72;--lr-node:#1f2a3a;--lr-node-stroke:#6fa3ee;\
        --lr-series-1:#6fa3ee;--lr-series-2:#ff8a50;--lr-series-3:#7bcf7f;--lr-series-4:#b892ff;--lr-series-5:#e3b341;
        """

    /// Rules for the diagrams' classes; they only read the variables.
    package static let rules = """
        .lr-diagram{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:12px}
        .lr-diagram text{fill:var(--lr-text)}
        .lr-diagram .muted{fill:var(--lr-muted)}
        .lr-diagram .bg{fill:var(--lr-bg)}
        .lr-diagram .band{fill:var(--lr-band)}
        .lr-diagram .grid{stroke:var(--lr-grid);stroke-width:1}
        .lr-diagram .nonworking{fill:var(--lr-nonworking)}
        .lr-diagram .group-label{font-weight:600}
        .lr-diagram .critical-label{font-weight:700}
        .lr-diagram .bar{fill:var(--lr-bar)}
        .lr-diagram .bar.critical{fill:var(--lr-critical);stroke:var(--lr-critical-outline);stroke-width:2}
        .lr-diagram .progress{fill:var(--lr-bar-progress)}
        .lr-diagram .assumed{fill:none;stroke:var(--lr-text);stroke-width:1.5;stroke-dasharray:4 3}
        .lr-diagram .baseline{fill:var(--lr-baseline)}
        .lr-diagram rect.buffer{stroke:var(--lr-buffer);stroke-width:1}
        .lr-diagram .buffer-base{fill:var(--lr-bg)}
        .lr-diagram .summary{fill:var(--lr-muted)}
        .lr-diagram .milestone{fill:var(--lr-milestone)}
        .lr-diagram .milestone.critical{fill:var(--lr-critical);stroke:var(--lr-critical-outline);stroke-width:2}
        .lr-diagram .link{fill:none;stroke:var(--lr-link);stroke-width:1.2}
        .lr-diagram .link.critical{stroke:var(--lr-critical);stroke-width:2}
        .lr-diagram .link.ss{stroke-dasharray:2 3}
        .lr-diagram .link.cut{stroke:var(--lr-cut);stroke-dasharray:5 3;stroke-width:1.5}
        .lr-diagram .arrowhead{fill:var(--lr-link)}
        .lr-diagram .arrowhead.critical{fill:var(--lr-critical)}
        .lr-diagram .arrowhead.cut{fill:var(--lr-cut)}
        .lr-diagram .today{stroke:var(--lr-today);stroke-width:2}
        .lr-diagram text.today-label{fill:var(--lr-today);font-weight:600}
        .lr-diagram .node rect{fill:var(--lr-node);stroke:var(--lr-node-stroke);stroke-width:1.2}
        .lr-diagram .node.critical rect{stroke:var(--lr-critical);stroke-width:3}
        .lr-diagram .node.buffer rect{stroke-dasharray:4 2}
        .lr-diagram .node.group rect{stroke-width:2}
        .lr-diagram .node.critical text{font-weight:700}
        .lr-diagram .hatch{stroke:var(--lr-buffer);stroke-width:1.5}
        .lr-diagram .axis{stroke:var(--lr-muted);stroke-width:1}
        .lr-diagram .series{fill:none;stroke-width:2}
        .lr-diagram .s1{stroke:var(--lr-series-1);fill:var(--lr-series-1)}
        .lr-diagram .s2{stroke:var(--lr-series-2);fill:var(--lr-series-2)}
        .lr-diagram .s3{stroke:var(--lr-series-3);fill:var(--lr-series-3)}
        .lr-diagram .s4{stroke:var(--lr-series-4);fill:var(--lr-series-4)}
        .lr-diagram .s5{stroke:var(--lr-series-5);fill:var(--lr-series-5)}
        .lr-diagram .series.s1,.lr-diagram .series.s2,.lr-diagram .series.s3,.lr-diagram .series.s4,.lr-diagram .series.s5{fill:none}
        .lr-diagram a:focus rect,.lr-diagram a:focus path{stroke:var(--lr-text);stroke-width:3}
        """

    /// The `<style>` of a standalone SVG: variables (light, and dark when the viewer
    /// prefers it) and the rules.
    package static let standaloneStyle = """
        svg.lr-diagram{\(lightVariables)}
        @media (prefers-color-scheme: dark){svg.lr-diagram{\(darkVariables)}}
        \(rules)
        """
}
