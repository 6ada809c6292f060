/** Series colours, distinguishable in light and dark themes. */
export const PALETTE = ['#4f6bed', '#16a37f', '#e8833a', '#c2459b', '#8a63d2', '#2f9fd8', '#d5b131', '#d64545', '#7a869a'];
