using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What the hosting extensions write to a resource's console log in the dashboard.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Databases ready for the application account {User}")]
    public static partial void DatabasesReady(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot start: {Reason}")]
    public static partial void CannotStart(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling {Model} (once; it stays in the state folder)")]
    public static partial void PullingModel(ILogger logger, string model);
}
