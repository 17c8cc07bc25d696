using IntegrationHub.Cli;

// `hub` is one executable: `hub serve` (the default) runs the host; the other verbs are offline tools.
// Arguments that are not a verb (e.g. WebApplicationFactory's --environment=...) go to the host untouched.
return await CommandLine.RunAsync(args);

/// <summary>Marker for WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
