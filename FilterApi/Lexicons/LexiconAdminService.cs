using FilterApi.Admin;
using Microsoft.EntityFrameworkCore;
using Moderation.Data;
using Moderation.Engine.Lexicons;

namespace FilterApi.Lexicons;

/// <summary>Adds, replaces and deletes lexicon overrides; each change is audited and applied on every replica.</summary>
internal sealed class LexiconAdminService(FilterDbContext db, LexiconSynchronizer synchronizer, TimeProvider time)
{
    public const int MaxWordLength = 100;

    public async Task<IReadOnlyList<LexiconOverrideView>> ListAsync(string? lang, CancellationToken cancellationToken)
    {
        var query = db.LexiconOverrides.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(lang))
        {
            query = query.Where(o => o.Lang == lang);
        }

        var overrides = await query.OrderBy(o => o.Lang).ThenBy(o => o.Word).ToListAsync(cancellationToken);
        return [.. overrides.Select(ToView)];
    }

    /// <returns>The override and whether it is new, or the validation errors.</returns>
    public async Task<(LexiconOverrideView? Override, bool Created, Dictionary<string, string[]>? Errors)> SetAsync(
        LexiconOverrideRequest request, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var lang = CheckLang(request.Lang, errors);
        var word = CheckWord(request.Word, errors);
        var action = (request.Action?.Trim().ToLowerInvariant() ?? "add") switch
        {
            "add" => LexiconOverrideAction.Add,
            "remove" => LexiconOverrideAction.Remove,
            _ => (LexiconOverrideAction?)null,
        };
        var category = request.Category?.Trim().ToLowerInvariant() ?? "insult";
        var severity = request.Severity ?? 2;
        if (action is null)
        {
            errors["action"] = ["action must be add or remove"];
        }

        if (!LexiconFormat.Categories.Contains(category))
        {
            errors["category"] = [$"category must be one of {string.Join(", ", LexiconFormat.Categories.Order(StringComparer.Ordinal))}"];
        }

        if (severity is < 1 or > 3)
        {
            errors["severity"] = ["severity must be 1, 2 or 3"];
        }

        if (action == LexiconOverrideAction.Remove && lang is not null && word is not null
            && !Lexicon.BuiltIn.Entries.Any(e => e.Lang == lang && e.Term == word))
        {
            errors["word"] = [$"'{word}' is not in the built-in {lang} lexicon, so there is nothing to remove"];
        }

        if (errors.Count > 0)
        {
            return (null, false, errors);
        }

        var entry = await db.LexiconOverrides.FirstOrDefaultAsync(o => o.Lang == lang && o.Word == word, cancellationToken);
        var created = entry is null;
        entry ??= db.LexiconOverrides.Add(new LexiconOverride { Lang = lang!, Word = word!, Category = category, UpdatedBy = actor }).Entity;
        entry.Action = action!.Value;
        entry.Category = category;
        entry.Severity = severity;
        entry.UpdatedAt = time.GetUtcNow().UtcDateTime;
        entry.UpdatedBy = actor;
        AuditLog.Record(db, time, actor, action == LexiconOverrideAction.Add ? "lexicon.added" : "lexicon.removed", $"{lang}:{word}",
            new { category, severity });
        await db.SaveChangesAsync(cancellationToken);
        await synchronizer.AnnounceAsync(cancellationToken);
        return (ToView(entry), created, null);
    }

    /// <returns>False when there was no override for that word.</returns>
    public async Task<(bool Deleted, Dictionary<string, string[]>? Errors)> DeleteAsync(
        string? lang, string? word, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var checkedLang = CheckLang(lang, errors);
        var checkedWord = CheckWord(word, errors);
        if (errors.Count > 0)
        {
            return (false, errors);
        }

        var entry = await db.LexiconOverrides.FirstOrDefaultAsync(o => o.Lang == checkedLang && o.Word == checkedWord, cancellationToken);
        if (entry is null)
        {
            return (false, null);
        }

        db.LexiconOverrides.Remove(entry);
        AuditLog.Record(db, time, actor, "lexicon.override-deleted", $"{checkedLang}:{checkedWord}", new { action = entry.Action.ToString().ToLowerInvariant() });
        await db.SaveChangesAsync(cancellationToken);
        await synchronizer.AnnounceAsync(cancellationToken);
        return (true, null);
    }

    private static string? CheckLang(string? lang, Dictionary<string, string[]> errors)
    {
        var value = lang?.Trim().ToLowerInvariant();
        if (value is null || !Lexicon.Languages.Contains(value))
        {
            errors["lang"] = [$"lang must be one of {string.Join(", ", Lexicon.Languages)}"];
            return null;
        }

        return value;
    }

    private static string? CheckWord(string? word, Dictionary<string, string[]> errors)
    {
        var value = word?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > MaxWordLength || value.Any(char.IsControl) || value.Contains('|', StringComparison.Ordinal))
        {
            errors["word"] = [$"word is required: 1 to {MaxWordLength} characters, no control characters or '|'"];
            return null;
        }

        return value;
    }

    private static LexiconOverrideView ToView(LexiconOverride o) =>
        new(o.Id, o.Lang, o.Word, o.Action.ToString().ToLowerInvariant(), o.Category, o.Severity, o.UpdatedAt, o.UpdatedBy);
}
