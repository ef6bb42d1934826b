namespace Moderation.Engine.Normalization;

/// <summary>Letters of other scripts that are drawn like Latin letters, folded to the Latin letter they imitate.</summary>
internal static class Homoglyphs
{
    // Pairs "look-alike, latin". Upper-case look-alikes are listed on their own because their lower-case forms
    // look different (Greek Η looks like H, η like n).
    private const string Pairs =
        // Cyrillic lower case
        "аaвbеeёeкkмmнhоoрpсcтtуyхxѕsіiїiјjԁdһhԛqԝwӏlґrьbъbпnгr" +
        // Cyrillic upper case
        "АaВbЕeЁeКkМmНhОoРpСcТtУyХxЅsІiЈjԚqԜw" +
        // Greek
        "αaβbγyεeζzηnιiκkνvοoρpτtυuχxωwΑaΒbΕeΖzΗhΙiΚkΜmΝnΟoΡpΤtΥyΧx" +
        // Armenian
        "ոnսuօoհhցgքpլlզqտmաwՍuՕo" +
        // IPA, small capitals and other Latin look-alikes
        "ɑaɡgɪiʏyɴnʀrʟlᴀaʙbᴄcᴅdᴇeꜰfɢgʜhᴊjᴋkᴍmᴏoᴘpꞯqʀrꜱsᴛtᴜuᴠvᴡwʏyᴢzıiȷj";

    private static readonly Dictionary<char, char> Map = Build();

    public static bool TryFold(char c, out char latin) => Map.TryGetValue(c, out latin);

    private static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        for (var i = 0; i + 1 < Pairs.Length; i += 2)
        {
            map.TryAdd(Pairs[i], Pairs[i + 1]);
        }

        return map;
    }
}
