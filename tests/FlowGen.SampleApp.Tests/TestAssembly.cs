// Each test class starts the sample app with its own REVIEWS_URL, and flow environment values are read through one
// process-wide FlowEnvironment (the configuration of the app started last), so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
