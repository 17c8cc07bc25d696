using System.Text;

namespace IntegrationHub.Cli;

/// <summary>
/// UTF-8 writers on stdout and stderr for the short-lived verbs. Console.Out works out the terminal's encoding from
/// LANG through the encoding tables, which was ~25 ms of a ~300 ms `hub verify`; the hub's reports are UTF-8
/// (Vietnamese names) whatever the locale says.
/// </summary>
internal static class StandardStreams
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static TextWriter Output() => new StreamWriter(Console.OpenStandardOutput(), Utf8) { AutoFlush = true };

    public static TextWriter Error() => new StreamWriter(Console.OpenStandardError(), Utf8) { AutoFlush = true };
}
