// Hangfire keeps static state (JobStorage.Current), and the resilience tests count calls on shared
// simulators: tests in this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
