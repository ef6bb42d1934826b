namespace Moderation.Engine.Normalization;

/// <summary>
/// How Korean users spell a Hangul syllable in Latin letters: Revised Romanisation first, then the common
/// McCune–Reischauer and chat spellings (시 → si, shi; 새 → sae, se; 병 → byeong, byung).
/// </summary>
internal static class Romanisation
{
    // Indexed like Hangul's initials, vowels and finals; alternatives separated by '/'.
    private static readonly string[][] Initials = Split("g/k,kk/gg,n,d/t,tt/dd,r/l,m,b/p,pp/bb,s/sh,ss/s,,j,jj,ch,k,t,p,h");
    private static readonly string[][] Vowels = Split("a,ae/e,ya,yae,eo/u,e,yeo/yu,ye,o,wa,wae,oe/we,yo,u/oo,wo,we,wi,yu,eu/u,ui,i/ee");
    private static readonly string[][] Finals = Split(",k/g,k,k,n,n,n,t/d,l/r,k,m,l,l,l,p,l,m,p/b,p,t/s,t,ng,t,t,k,t,p,t");

    /// <summary>Latin spellings of <paramref name="syllable"/>, the usual one first, at most <paramref name="limit"/>.</summary>
    public static IEnumerable<string> Of(char syllable, int limit)
    {
        var (initial, vowel, final) = Hangul.Decompose(syllable);
        var count = 0;
        foreach (var i in Initials[initial])
        {
            foreach (var v in Vowels[vowel])
            {
                foreach (var f in Finals[final])
                {
                    if (count++ == limit)
                    {
                        yield break;
                    }

                    yield return i + v + f;
                }
            }
        }
    }

    private static string[][] Split(string table) => [.. table.Split(',').Select(alternatives => alternatives.Split('/'))];
}
