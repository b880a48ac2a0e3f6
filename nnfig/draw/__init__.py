"""Drawing helpers shared by the chapters: themes and palettes, diagrams, mapping plots,
points of two classes, and saving figures the same way everywhere."""
