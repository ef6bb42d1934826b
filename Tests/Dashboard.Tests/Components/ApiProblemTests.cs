using Bunit;
using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

public sealed class ApiProblemTests : ComponentTestContext
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    [Fact]
    public void NothingIsShownWhenTheCallSucceeded()
    {
        var cut = Render<ApiProblem>(p => p.Add(c => c.Failure, null));

        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public void AnUnreachableFilterApiIsAnErrorThatSaysToTryAgainWithTheCause()
    {
        var cut = Render<ApiProblem>(p => p.Add(c => c.Failure, ApiFailure.Unavailable("503")));

        var alert = cut.Find("[role=alert]");
        Assert.Contains("FilterApi is not answering right now; try again in a moment.", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("(503)", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-error", alert.ClassName, StringComparison.Ordinal); // red, not the amber of a refusal
    }

    [Fact]
    public void ARefusalShowsFilterApisOwnReason()
    {
        var failure = new ApiFailure(ApiFailureKind.Refused, "the key is already revoked", NoErrors);

        var cut = Render<ApiProblem>(p => p.Add(c => c.Failure, failure));

        var alert = cut.Find("[role=alert]");
        Assert.Contains("FilterApi refused the request.", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("the key is already revoked", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-warning", alert.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidationFailurePointsAtTheFieldsWithoutRepeatingTheProblemTitle()
    {
        var failure = new ApiFailure(ApiFailureKind.Validation, "One or more validation errors occurred.",
            new Dictionary<string, string[]> { ["name"] = ["name is required"] });

        var cut = Render<ApiProblem>(p => p.Add(c => c.Failure, failure));

        var alert = cut.Find("[role=alert]");
        Assert.Contains("Please correct the highlighted fields.", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("validation errors occurred", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExpiredSessionGoesToTheLoginPageSayingSoAndComesBackHereAfterwards()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/keys?search=ops");

        var cut = Render<ApiProblem>(p => p.Add(c => c.Failure, ApiFailure.SessionExpired));

        Assert.Empty(cut.FindAll("[role=alert]"));
        var login = new Uri(navigation.Uri);
        Assert.Equal("/account/login", login.AbsolutePath);
        Assert.Contains("expired=true", login.Query, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString("/keys?search=ops"), login.Query, StringComparison.Ordinal);
    }
}
