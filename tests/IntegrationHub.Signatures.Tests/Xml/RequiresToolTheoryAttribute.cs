namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>A theory whose cases are all reported as skipped, with the reason, when an external tool is not on PATH.</summary>
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(string tool)
    {
        if (!ExternalTool.IsOnPath(tool))
            Skip = $"{tool} is not installed (not on PATH); this corpus is made by it.";
    }
}
