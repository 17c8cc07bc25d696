using Serilog.Core;
using Serilog.Events;

namespace IntegrationHub.Logging;

/// <summary>Rewrites every string property (also inside structures and sequences) with citizen ID numbers masked.</summary>
public sealed class MaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(value);
            if (!ReferenceEquals(masked, value)) logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
        }
    }

    private static LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when CitizenIdMask.ContainsIdNumber(s) => new ScalarValue(CitizenIdMask.Mask(s)),
        ScalarValue { Value: long or ulong or decimal } scalar when CitizenIdMask.ContainsIdNumber(scalar.Value!.ToString()!)
            => new ScalarValue(CitizenIdMask.Mask(scalar.Value!.ToString()!)),
        StructureValue structure => new StructureValue(
            structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), structure.TypeTag),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Mask)),
        DictionaryValue dictionary => new DictionaryValue(
            dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Mask(e.Value)))),
        _ => value,
    };
}
