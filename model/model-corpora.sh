# The verdict model's training corpora, their weights in total and the features it does not weigh:
# read by model/fit-model.sh (sourced) and tests/eval_regression.py (parsed), so that the floors
# are measured with the procedure that made the shipped model. Why these: core/ACCURACY.md.
declare -A dir=([meter]=meter-dev [heavy]=heavy-dev [clough]=clough-stevenson)
declare -A weight=([meter]=1 [heavy]=1 [clough]=0.5)
drop=ordinary,containment,bigram,bigram_idf,sentences_soft,sentences,cov3,narration3
