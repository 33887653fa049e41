"""Writing data: scaffolds for new resources, synthetic graphs for benchmarks."""
