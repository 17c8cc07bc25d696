using Serilog.Events;
using Serilog.Formatting;

namespace IntegrationHub.Logging;

/// <summary>
/// The last line of defence: masks citizen ID numbers in the formatted output of a sink (message text,
/// exception text and all), whatever the enricher could not reach.
/// </summary>
public sealed class MaskingFormatter(ITextFormatter inner) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter();
        inner.Format(logEvent, buffer);
        output.Write(CitizenIdMask.Mask(buffer.ToString()));
    }
}
