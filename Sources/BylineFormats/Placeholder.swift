import BylineText
