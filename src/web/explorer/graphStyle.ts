import type { StylesheetJson } from "cytoscape";

/** How the graph looks: node shapes and colours by type; contradictions red, dashed and labelled. */
export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      // At least 11 px on screen: the view opens no further out than that (keepLabelsReadable in main.ts).
      "font-size": 11,
      "font-family": "system-ui, sans-serif",
      color: "#1b2a3a",
      "text-wrap": "wrap",
      "text-max-width": "130px",
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.8,
      "text-background-padding": "1px",
      width: 22,
      height: 22,
      "border-width": 1,
      "border-color": "#ffffff",
    },
  },
  { selector: "node.organization", style: { shape: "ellipse", "background-color": "#2d6cdf", width: 28, height: 28, "font-size": 12, "font-weight": "bold" } },
  { selector: "node.focus", style: { "background-color": "#1b2a3a", width: 46, height: 46, "font-size": 14, "border-width": 4, "border-color": "#9cc1ff" } },
  { selector: "node.statement", style: { shape: "round-rectangle", "background-color": "#f0a500", width: 26, height: 18 } },
  { selector: "node.grant", style: { shape: "diamond", "background-color": "#2e9d6a", width: 28, height: 28 } },
  { selector: "node.grant.exempt", style: { "border-width": 3, "border-color": "#7b1fa2" } },
  { selector: "node.report", style: { shape: "rectangle", "background-color": "#8a8f98", width: 16, height: 20, "font-size": 11, color: "#4a5260" } },
  { selector: "node.contradicted", style: { "border-width": 3, "border-color": "#d62839" } },
  {
    selector: "edge",
    style: {
      width: 1.2,
      "line-color": "#b8c0cc",
      "target-arrow-color": "#b8c0cc",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.7,
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 9,
      // Ordinary edge labels appear once zoomed in to 11 px; contradiction labels always show.
      "min-zoomed-font-size": 11,
      color: "#8a93a0",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.7,
    },
  },
  {
    selector: "edge.contradiction",
    style: {
      width: 4,
      "line-color": "#d62839",
      "line-style": "dashed",
      "target-arrow-color": "#d62839",
      "target-arrow-shape": "tee",
      "font-size": 11,
      "font-weight": "bold",
      color: "#d62839",
      "z-index": 10,
    },
  },
  // The quote search: matches ringed, everything else faded.
  { selector: "node.match", style: { "border-width": 4, "border-color": "#1d4ed8", "font-weight": "bold" } },
  { selector: ".faded", style: { opacity: 0.25 } },
  { selector: "node:selected", style: { "overlay-color": "#2d6cdf", "overlay-opacity": 0.25, "overlay-padding": 6 } },
  { selector: "edge:selected", style: { "overlay-color": "#d62839", "overlay-opacity": 0.2, "overlay-padding": 6, width: 6 } },
];
