namespace IntegrationHub.Signatures.Tests.Xml;

/// <summary>A fact that is reported as skipped, with the reason, when an external tool is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (!ExternalTool.IsOnPath(tool))
            Skip = $"{tool} is not installed (not on PATH); this cross-check needs it.";
    }
}
