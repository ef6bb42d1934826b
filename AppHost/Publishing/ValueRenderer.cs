using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace AppHost.Publishing;

/// <summary>
/// Turns an app-model value (a literal, parameter, endpoint, connection string or expression) into what a
/// container in the cluster reads: endpoints become Service addresses, and parameters stay secrets — a value
/// that embeds one reads it through Kubernetes' <c>$(VAR)</c> expansion of a variable taken from the Secret.
/// </summary>
internal sealed class ValueRenderer(Func<IResource, EndpointAnnotation, int> portOf)
{
    /// <summary>Parameters the rendered values used, each to be defined (from the Secret) before them.</summary>
    public SortedSet<string> Parameters { get; } = new(StringComparer.Ordinal);

    public static string VariableFor(string parameter) => "PARAMETER_" + parameter.Replace('-', '_').ToUpperInvariant();

    public async ValueTask<string> RenderAsync(object? value)
    {
        switch (value)
        {
            case null:
                return "";
            case string text:
                return text;
            case ParameterResource parameter:
                Parameters.Add(parameter.Name);
                return $"$({VariableFor(parameter.Name)})";
            case ReferenceExpression { IsConditional: true } conditional:
                var condition = await RenderAsync(conditional.Condition);
                return await RenderAsync(string.Equals(condition, conditional.MatchValue, StringComparison.OrdinalIgnoreCase) ? conditional.WhenTrue : conditional.WhenFalse);
            case ReferenceExpression expression:
                var parts = new object[expression.ValueProviders.Count];
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i] = await RenderAsync(expression.ValueProviders[i]);
                }

                return string.Format(CultureInfo.InvariantCulture, expression.Format, parts);
            case EndpointReference endpoint:
                return Render(endpoint, EndpointProperty.Url);
            case EndpointReferenceExpression property:
                return Render(property.Endpoint, property.Property);
            case ConnectionStringReference reference:
                return await RenderAsync(reference.Resource.ConnectionStringExpression);
            case IResourceWithConnectionString resource:
                return await RenderAsync(resource.ConnectionStringExpression);
            case IValueProvider provider:
                return await provider.GetValueAsync() ?? "";
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
    }

    private string Render(EndpointReference endpoint, EndpointProperty property)
    {
        var annotation = endpoint.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpoint.EndpointName);
        var host = endpoint.Resource.Name;
        var port = portOf(endpoint.Resource, annotation).ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            EndpointProperty.Url => $"{annotation.UriScheme}://{host}:{port}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port or EndpointProperty.TargetPort => port,
            EndpointProperty.HostAndPort => $"{host}:{port}",
            EndpointProperty.Scheme => annotation.UriScheme,
            EndpointProperty.TlsEnabled => bool.FalseString,
            _ => throw new NotSupportedException($"endpoint property {property}"),
        };
    }
}
